package dev.weir.engine.schema;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import com.squareup.wire.Syntax;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.OptionElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import com.squareup.wire.schema.internal.parser.TypeElement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label.LABEL_OPTIONAL;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label.LABEL_REPEATED;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label.LABEL_REQUIRED;

/**
 * Turns .proto text into protobuf-java descriptors. Square's wire-schema parses the text (the
 * parser Confluent's registry uses), this class converts what it parsed to a FileDescriptorProto,
 * and protobuf-java resolves the type names and checks the result. Imports are found among the
 * schema's references by import path; the well-known google/protobuf/*.proto files are built in.
 *
 * <p>Supported: proto2 and proto3, packages, nested messages and enums, every scalar type,
 * repeated and map fields, oneofs, proto3 {@code optional}, enum aliases, proto2 defaults, and the
 * {@code packed} and {@code json_name} options. Other options, extension ranges, {@code extend}
 * blocks and services are ignored; groups and editions are rejected.
 */
final class ProtoDescriptors {

    /** The file name the schema itself gets; imports keep their import paths. */
    static final String ROOT = "schema.proto";

    private static final Map<String, FileDescriptor> WELL_KNOWN = Stream.of(AnyProto.getDescriptor(),
                    ApiProto.getDescriptor(), DurationProto.getDescriptor(), EmptyProto.getDescriptor(),
                    FieldMaskProto.getDescriptor(), SourceContextProto.getDescriptor(), StructProto.getDescriptor(),
                    TimestampProto.getDescriptor(), TypeProto.getDescriptor(), WrappersProto.getDescriptor(),
                    DescriptorProtos.getDescriptor())
            .collect(Collectors.toUnmodifiableMap(FileDescriptor::getName, Function.identity()));

    private static final Map<String, FieldDescriptorProto.Type> SCALARS = Stream.of(FieldDescriptorProto.Type.values())
            .filter(t -> t != FieldDescriptorProto.Type.TYPE_MESSAGE && t != FieldDescriptorProto.Type.TYPE_ENUM
                    && t != FieldDescriptorProto.Type.TYPE_GROUP)
            .collect(Collectors.toUnmodifiableMap(t -> t.name().substring("TYPE_".length()).toLowerCase(), t -> t));

    private static final Pattern MAP = Pattern.compile("map<\\s*([\\w.]+)\\s*,\\s*([\\w.]+)\\s*>");

    private final Map<String, String> references;
    private final Map<String, FileDescriptor> built = new HashMap<>();
    private final Set<String> building = new HashSet<>();
    /** Where each message, enum and field was declared, to point at it when protobuf-java rejects it. */
    private final Map<String, Location> declared = new HashMap<>();

    private ProtoDescriptors(Map<String, String> references) {
        this.references = references;
    }

    /** Builds the descriptors of {@code text}, resolving its imports from {@code references} (import path to text). */
    static FileDescriptor build(String text, Map<String, String> references) throws SchemaException {
        return new ProtoDescriptors(references).file(ROOT, text);
    }

    private FileDescriptor file(String path, String text) throws SchemaException {
        ProtoFileElement element;
        try {
            element = ProtoParser.Companion.parse(Location.get(path), text);
        } catch (RuntimeException e) {
            // wire-schema says "Syntax error in schema.proto:3:15: expected a word"
            throw new SchemaException(String.valueOf(e.getMessage()).replaceFirst("^Syntax error in ", "syntax error at "), e);
        }
        building.add(path);
        boolean proto3 = element.getSyntax() == Syntax.PROTO_3;
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName(path)
                .setSyntax(proto3 ? "proto3" : "proto2");
        String scope = "";
        if (element.getPackageName() != null) {
            file.setPackage(element.getPackageName());
            scope = element.getPackageName() + ".";
        }
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String imported : element.getImports()) {
            dependencies.add(dependency(imported, path));
            file.addDependency(imported);
        }
        for (String imported : element.getPublicImports()) {
            dependencies.add(dependency(imported, path));
            file.addPublicDependency(file.getDependencyCount());
            file.addDependency(imported);
        }
        for (String imported : element.getWeakImports()) {
            dependencies.add(dependency(imported, path));
            file.addWeakDependency(file.getDependencyCount());
            file.addDependency(imported);
        }
        for (TypeElement type : element.getTypes()) {
            if (type instanceof MessageElement m) {
                file.addMessageType(message(m, scope, proto3));
            } else if (type instanceof EnumElement e) {
                file.addEnumType(enumType(e, scope));
            }
        }
        try {
            FileDescriptor descriptor = FileDescriptor.buildFrom(file.build(), dependencies.toArray(new FileDescriptor[0]));
            building.remove(path);
            built.put(path, descriptor);
            return descriptor;
        } catch (DescriptorValidationException e) {
            Location where = declared.get(e.getProblemSymbolName());
            throw new SchemaException((where == null ? path : where.toString()) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SchemaException(path + ": " + e.getMessage(), e);
        }
    }

    private FileDescriptor dependency(String imported, String importer) throws SchemaException {
        FileDescriptor known = WELL_KNOWN.containsKey(imported) ? WELL_KNOWN.get(imported) : built.get(imported);
        if (known != null) {
            return known;
        }
        if (building.contains(imported)) {
            throw new SchemaException(importer + " imports \"" + imported + "\", which imports it back");
        }
        String text = references.get(imported);
        if (text != null) {
            return file(imported, text);
        }
        if (imported.equals("confluent/meta.proto")) {
            // Confluent's registry has this file built in; schemas import it only for its options, which are ignored.
            return placeholder(imported, "confluent");
        }
        throw new SchemaException(importer + " imports \"" + imported
                + "\", which is neither among the schema's references nor a well-known google/protobuf file");
    }

    private static FileDescriptor placeholder(String path, String packageName) throws SchemaException {
        try {
            return FileDescriptor.buildFrom(FileDescriptorProto.newBuilder().setName(path).setPackage(packageName).build(),
                    new FileDescriptor[0]);
        } catch (DescriptorValidationException e) {
            throw new SchemaException(e.getMessage(), e);
        }
    }

    private DescriptorProto message(MessageElement element, String scope, boolean proto3) throws SchemaException {
        String name = scope + element.getName();
        declared.put(name, element.getLocation());
        if (!element.getGroups().isEmpty()) {
            throw new SchemaException(element.getLocation() + ": groups are not supported");
        }
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(element.getName());
        for (TypeElement nested : element.getNestedTypes()) {
            if (nested instanceof MessageElement m) {
                message.addNestedType(message(m, name + ".", proto3));
            } else if (nested instanceof EnumElement e) {
                message.addEnumType(enumType(e, name + "."));
            }
        }
        // wire-schema keeps oneof members apart from the other fields: put them back in declaration order.
        List<Map.Entry<FieldElement, Integer>> fields = new ArrayList<>();
        element.getFields().forEach(f -> fields.add(Map.entry(f, -1)));
        List<OneOfElement> oneOfs = element.getOneOfs();
        for (int i = 0; i < oneOfs.size(); i++) {
            OneOfElement oneOf = oneOfs.get(i);
            if (!oneOf.getGroups().isEmpty()) {
                throw new SchemaException(oneOf.getLocation() + ": groups are not supported");
            }
            message.addOneofDecl(OneofDescriptorProto.newBuilder().setName(oneOf.getName()));
            for (FieldElement f : oneOf.getFields()) {
                fields.add(Map.entry(f, i));
            }
        }
        fields.sort(Comparator.comparingInt((Map.Entry<FieldElement, Integer> f) -> f.getKey().getLocation().getLine())
                .thenComparingInt(f -> f.getKey().getLocation().getColumn()));
        for (Map.Entry<FieldElement, Integer> f : fields) {
            message.addField(field(f.getKey(), f.getValue(), message, name, proto3));
        }
        return message.build();
    }

    private FieldDescriptorProto field(FieldElement element, int oneOf, DescriptorProto.Builder message, String scope,
                                       boolean proto3) {
        declared.put(scope + "." + element.getName(), element.getLocation());
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(element.getName())
                .setNumber(element.getTag());
        Matcher map = MAP.matcher(element.getType());
        if (map.matches()) {
            // A map field is a repeated field of a nested entry message, named as protoc names it.
            String entry = camelCase(element.getName()) + "Entry";
            message.addNestedType(DescriptorProto.newBuilder().setName(entry)
                    .setOptions(DescriptorProtos.MessageOptions.newBuilder().setMapEntry(true))
                    .addField(typed(FieldDescriptorProto.newBuilder().setName("key").setNumber(1), map.group(1)))
                    .addField(typed(FieldDescriptorProto.newBuilder().setName("value").setNumber(2), map.group(2))));
            field.setLabel(LABEL_REPEATED).setTypeName(entry);
        } else {
            typed(field, element.getType());
            Field.Label label = element.getLabel();
            field.setLabel(label == Field.Label.REPEATED ? LABEL_REPEATED
                    : label == Field.Label.REQUIRED ? LABEL_REQUIRED : LABEL_OPTIONAL);
        }
        if (oneOf >= 0) {
            field.setOneofIndex(oneOf);
        } else if (proto3 && element.getLabel() == Field.Label.OPTIONAL) {
            // proto3 optional: a synthetic oneof of its own, after the declared ones
            field.setProto3Optional(true).setOneofIndex(message.getOneofDeclCount());
            message.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + element.getName()));
        }
        if (element.getDefaultValue() != null) {
            field.setDefaultValue(element.getDefaultValue());
        }
        if (element.getJsonName() != null) {
            field.setJsonName(element.getJsonName());
        }
        for (OptionElement option : element.getOptions()) {
            if (option.getName().equals("packed")) {
                field.setOptions(DescriptorProtos.FieldOptions.newBuilder()
                        .setPacked(Boolean.parseBoolean(String.valueOf(option.getValue()))));
            }
        }
        return field.build();
    }

    /** Scalars get their type; message and enum names are left for protobuf-java to resolve, relative to the scope. */
    private static FieldDescriptorProto.Builder typed(FieldDescriptorProto.Builder field, String type) {
        FieldDescriptorProto.Type scalar = SCALARS.get(type);
        return scalar != null ? field.setType(scalar) : field.setTypeName(type);
    }

    private EnumDescriptorProto enumType(EnumElement element, String scope) {
        declared.put(scope + element.getName(), element.getLocation());
        EnumDescriptorProto.Builder e = EnumDescriptorProto.newBuilder().setName(element.getName());
        for (OptionElement option : element.getOptions()) {
            if (option.getName().equals("allow_alias")) {
                e.setOptions(DescriptorProtos.EnumOptions.newBuilder()
                        .setAllowAlias(Boolean.parseBoolean(String.valueOf(option.getValue()))));
            }
        }
        for (EnumConstantElement constant : element.getConstants()) {
            e.addValue(EnumValueDescriptorProto.newBuilder().setName(constant.getName()).setNumber(constant.getTag()));
        }
        return e.build();
    }

    private static String camelCase(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
