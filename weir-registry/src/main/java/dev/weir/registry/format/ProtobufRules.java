package dev.weir.registry.format;

import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.ProtoType;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import dev.weir.registry.format.ProtoSchemaSet.TypeInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether a reader compiled from one .proto can read what a writer compiled from another wrote.
 * Fields are matched by number, messages by name within their package; the rules are those of
 * Confluent's Protobuf checker, from the wire format: scalar types read each other within one
 * encoding group, a message field reads the bytes of an embedded message, and so on.
 */
final class ProtobufRules {

    private enum Kind { SCALAR, MESSAGE, MAP }

    /** A field's type: a scalar (enums are varints) with its wire encoding group, a message, or a map. */
    private record FieldType(Kind kind, String written, String group, TypeInfo message) {

        boolean isNumeric() {
            return kind == Kind.SCALAR && !group.equals("length-delimited");
        }

        boolean isBytes() {
            return written.equals("bytes");
        }

        String localName() {
            return message != null ? message.localName() : written.replaceFirst("^\\.", "");
        }
    }

    /** A field and the oneof it belongs to, if any. */
    private record Member(FieldElement field, String oneof) {
    }

    private final ProtoSchemaSet reader;
    private final ProtoSchemaSet writer;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> compared = new HashSet<>();

    ProtobufRules(ProtoSchemaSet reader, ProtoSchemaSet writer) {
        this.reader = reader;
        this.writer = writer;
    }

    List<String> problems() {
        if (!writer.packageName().equals(reader.packageName())) {
            problems.add("package changed from " + orNone(writer.packageName()) + " to " + orNone(reader.packageName()));
        }
        for (TypeInfo written : writer.mainTypes()) {
            if (written.isMessage()) {
                TypeInfo read = reader.mainType(written.localName());
                if (read == null || !read.isMessage()) {
                    problems.add(written.localName() + ": message removed");
                } else {
                    messages(written, read);
                }
            }
        }
        return List.copyOf(new LinkedHashSet<>(problems));
    }

    private void messages(TypeInfo w, TypeInfo r) {
        if (!compared.add(w.fullName() + " " + r.fullName())) {
            return;
        }
        String name = r.localName();
        Map<Integer, Member> writerFields = members((MessageElement) w.element());
        Map<Integer, Member> readerFields = members((MessageElement) r.element());
        oneofs(name, (MessageElement) r.element(), writerFields);
        Set<String> readerOneofs = ((MessageElement) r.element()).getOneOfs().stream()
                .map(OneOfElement::getName).collect(Collectors.toSet());
        writerFields.forEach((number, written) -> {
            Member read = readerFields.get(number);
            String removed = name + "." + written.field().getName() + " (field " + number + ")";
            if (read != null) {
                fields(name, written.field(), w, read.field(), r);
            } else if (ProtoSchemaCheck.isRequired(written.field())) {
                problems.add(removed + ": required field removed");
            } else if (written.oneof() != null && readerOneofs.contains(written.oneof())) {
                problems.add(removed + ": removed from oneof " + written.oneof());
            }
        });
        readerFields.forEach((number, read) -> {
            if (!writerFields.containsKey(number) && ProtoSchemaCheck.isRequired(read.field())) {
                problems.add(name + "." + read.field().getName() + " (field " + number + "): required field added");
            }
        });
    }

    /**
     * A oneof may take in one field that was outside any oneof: the writer set it alone. Several
     * such fields, or one joining fields that were already in a oneof, can arrive set together.
     */
    private void oneofs(String name, MessageElement r, Map<Integer, Member> writerFields) {
        for (OneOfElement oneof : r.getOneOfs()) {
            List<String> moved = new ArrayList<>();
            boolean existing = false;
            for (FieldElement field : oneof.getFields()) {
                Member written = writerFields.get(field.getTag());
                if (written != null && written.oneof() == null) {
                    moved.add(field.getName() + " (" + field.getTag() + ")");
                } else if (written != null) {
                    existing = true;
                }
            }
            String at = name + "." + oneof.getName() + " (oneof): ";
            if (moved.size() > 1) {
                problems.add(at + "several fields moved into it: " + String.join(", ", moved));
            } else if (moved.size() == 1 && existing) {
                problems.add(at + "field " + moved.get(0) + " moved into this existing oneof");
            }
        }
    }

    private void fields(String name, FieldElement w, TypeInfo writerScope, FieldElement r, TypeInfo readerScope) {
        String at = name + "." + r.getName() + " (field " + r.getTag()
                + (r.getName().equals(w.getName()) ? "" : ", was " + w.getName()) + "): ";
        String typeProblem = types(w.getType(), writerScope, r.getType(), readerScope);
        if (typeProblem != null) {
            problems.add(at + typeProblem);
            return;
        }
        boolean repeatedChanged = (w.getLabel() == Field.Label.REPEATED) != (r.getLabel() == Field.Label.REPEATED);
        if (repeatedChanged && type(r.getType(), readerScope, reader).isNumeric()) {
            problems.add(at + "label changed from " + label(w) + " to " + label(r));
        } else if (ProtoSchemaCheck.isRequired(r) && !ProtoSchemaCheck.isRequired(w)) {
            problems.add(at + "label changed from " + label(w) + " to required");
        }
    }

    /** Why a field written as {@code w} cannot be read as {@code r}, or null when it can. */
    private String types(String w, TypeInfo writerScope, String r, TypeInfo readerScope) {
        FieldType written = type(w, writerScope, writer);
        FieldType read = type(r, readerScope, reader);
        String changed = "type changed from " + w + " to " + r;
        if (written.kind() == Kind.MAP || read.kind() == Kind.MAP) {
            if (written.kind() != read.kind()) {
                return changed;
            }
            ProtoType writtenMap = ProtoType.get(w);
            ProtoType readMap = ProtoType.get(r);
            boolean keys = types(writtenMap.getKeyType().toString(), writerScope, readMap.getKeyType().toString(), readerScope) == null;
            boolean values = types(writtenMap.getValueType().toString(), writerScope, readMap.getValueType().toString(), readerScope) == null;
            return keys && values ? null : changed;
        }
        if (written.isBytes() && read.kind() == Kind.MESSAGE || written.kind() == Kind.MESSAGE && read.isBytes()) {
            return null; // an embedded message is bytes on the wire
        }
        if (written.kind() != read.kind()) {
            return changed;
        }
        if (written.kind() == Kind.SCALAR) {
            return written.group().equals(read.group()) ? null : changed;
        }
        if (!written.localName().equals(read.localName())) {
            return changed;
        }
        if (written.message() != null && read.message() != null) {
            messages(written.message(), read.message());
        }
        return null;
    }

    private static FieldType type(String written, TypeInfo scope, ProtoSchemaSet set) {
        ProtoType type = ProtoType.get(written);
        if (type.isScalar()) {
            return new FieldType(Kind.SCALAR, written, group(written), null);
        }
        if (type.isMap()) {
            return new FieldType(Kind.MAP, written, null, null);
        }
        TypeInfo info = set.resolve(written, scope.fullName());
        if (info != null && !info.isMessage()) {
            return new FieldType(Kind.SCALAR, written, "varint", null);
        }
        return new FieldType(Kind.MESSAGE, written, null, info);
    }

    /** Scalars in one group read each other's encoding (https://protobuf.dev/programming-guides/proto3/#updating). */
    private static String group(String scalar) {
        return switch (scalar) {
            case "int32", "int64", "uint32", "uint64", "bool" -> "varint";
            case "sint32", "sint64" -> "zigzag";
            case "string", "bytes" -> "length-delimited";
            case "fixed32", "sfixed32" -> "fixed32";
            case "fixed64", "sfixed64" -> "fixed64";
            default -> scalar;
        };
    }

    private static Map<Integer, Member> members(MessageElement message) {
        Map<Integer, Member> members = new TreeMap<>();
        message.getFields().forEach(field -> members.put(field.getTag(), new Member(field, null)));
        for (OneOfElement oneof : message.getOneOfs()) {
            oneof.getFields().forEach(field -> members.put(field.getTag(), new Member(field, oneof.getName())));
        }
        return members;
    }

    private static String label(FieldElement field) {
        return field.getLabel() == Field.Label.REPEATED ? "repeated"
                : field.getLabel() == Field.Label.REQUIRED ? "required" : "optional";
    }

    private static String orNone(String packageName) {
        return packageName.isEmpty() ? "(none)" : packageName;
    }
}
