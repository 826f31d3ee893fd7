package dev.weir.registry.format;

import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoType;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ReservedElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kotlin.ranges.IntRange;

/**
 * What Wire's parser leaves to a compiler: field numbers in range, unique and not reserved; field
 * names unique; every field type declared in the file or an import.
 */
final class ProtoSchemaCheck {

    private static final int MAX_FIELD_NUMBER = 536_870_911;

    private final ProtoSchemaSet set;

    private ProtoSchemaCheck(ProtoSchemaSet set) {
        this.set = set;
    }

    /** @throws InvalidSchemaException naming the place ({@code at line:column}) and the field */
    static void check(ProtoSchemaSet set) {
        ProtoSchemaCheck check = new ProtoSchemaCheck(set);
        for (ProtoFileElement file : set.files()) {
            String packageName = file.getPackageName() == null ? "" : file.getPackageName();
            check.types(file.getTypes(), packageName, packageName);
        }
    }

    /** {@code at line:column}, with the file's path when it is an import. */
    static String where(Location location) {
        String file = location.getPath().equals(ProtoSchemaSet.MAIN) ? "" : "in " + location.getPath() + " ";
        return file + "at " + location.getLine() + ":" + location.getColumn();
    }

    private void types(List<TypeElement> elements, String prefix, String packageName) {
        for (TypeElement element : elements) {
            String fullName = prefix.isEmpty() ? element.getName() : prefix + "." + element.getName();
            if (element instanceof MessageElement message) {
                fields(message, fullName, fullName.substring(packageName.isEmpty() ? 0 : packageName.length() + 1));
            }
            types(element.getNestedTypes(), fullName, packageName);
        }
    }

    private void fields(MessageElement message, String fullName, String localName) {
        List<FieldElement> fields = new ArrayList<>(message.getFields());
        message.getOneOfs().forEach(oneof -> fields.addAll(oneof.getFields()));
        Map<Integer, FieldElement> byNumber = new HashMap<>();
        Map<String, FieldElement> byName = new HashMap<>();
        for (FieldElement field : fields) {
            String at = where(field.getLocation()) + ": " + localName + "." + field.getName() + " (field " + field.getTag() + ")";
            int number = field.getTag();
            if (number < 1 || number > MAX_FIELD_NUMBER) {
                throw new InvalidSchemaException(at + ": field numbers go from 1 to " + MAX_FIELD_NUMBER);
            }
            if (number >= 19_000 && number <= 19_999) {
                throw new InvalidSchemaException(at + ": numbers 19000 to 19999 are reserved for the Protobuf implementation");
            }
            FieldElement sameNumber = byNumber.put(number, field);
            if (sameNumber != null) {
                throw new InvalidSchemaException(at + ": number already used by " + sameNumber.getName());
            }
            FieldElement sameName = byName.put(field.getName(), field);
            if (sameName != null) {
                throw new InvalidSchemaException(at + ": name already used by field " + sameName.getTag());
            }
            if (isReserved(message.getReserveds(), field)) {
                throw new InvalidSchemaException(at + ": its number or name is reserved");
            }
            type(at, ProtoType.get(field.getType()), fullName);
        }
    }

    private void type(String at, ProtoType type, String scope) {
        if (type.isScalar()) {
            return;
        }
        if (type.isMap()) {
            type(at, type.getKeyType(), scope);
            type(at, type.getValueType(), scope);
            return;
        }
        if (set.resolve(type.toString(), scope) == null && !set.hasBuiltInImports()) {
            throw new InvalidSchemaException(at + ": unknown type " + type
                    + Suggestions.didYouMean(type.toString(), set.localNames()));
        }
    }

    private static boolean isReserved(List<ReservedElement> reserveds, FieldElement field) {
        for (ReservedElement reserved : reserveds) {
            for (Object value : reserved.getValues()) {
                boolean matches = value instanceof Integer number ? number == field.getTag()
                        : value instanceof IntRange range ? range.contains(field.getTag())
                        : field.getName().equals(value);
                if (matches) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isRequired(FieldElement field) {
        return field.getLabel() == Field.Label.REQUIRED;
    }
}
