package dev.weir.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.weir.engine.record.Json;
import dev.weir.engine.schema.AvroCodec;
import dev.weir.engine.schema.ProtobufCodec;
import dev.weir.engine.schema.SchemaException;
import dev.weir.engine.validate.RecordType.Field;
import dev.weir.spec.Diagnostics;
import dev.weir.spec.Position;
import dev.weir.spec.model.Format;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Topic;
import dev.weir.spec.schema.JsonSchema;
import dev.weir.spec.schema.JsonType;
import dev.weir.spec.schema.TopicSchema;
import org.apache.avro.Schema;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the records a pipeline writes to a topic that declares a schema fit that schema: every
 * field the schema requires is there, every field has a type the schema allows, and fields the
 * schema does not have are reported (the Avro and Protobuf writers drop them; a JSON Schema with
 * {@code additionalProperties: false} rejects the record). Records that do not fit fail the
 * registry formats' writers at run time and go to the dead-letter topic; with plain json they are
 * written, but the topic's readers are type-checked against the schema and expect it.
 */
final class SinkSchemaCheck {

    /**
     * What the schema asks of a record at one level of nesting: its properties, the ones a record
     * must have ({@code mustHave}; null allowed when the property's type allows it), and whether
     * other fields are known to be left out or rejected ({@code closed}).
     */
    private record Demand(JsonSchema shape, Set<String> mustHave, boolean closed) {
    }

    /** One place a pipeline writes: what writes ("the sink"), to which topic, where, in which format. */
    private record Write(String what, String topic, Format format, TopicSchema schema, Position pos) {

        boolean dropsExtras() {
            return format == Format.AVRO || format == Format.PROTOBUF;
        }

        String consequence() {
            return format == Format.JSON
                    ? "pipelines reading topic '" + topic + "' are checked against " + schema.path() + " and expect it"
                    : "every such record fails the " + format.name().toLowerCase().replace('_', '-')
                    + " writer and goes to the dead-letter topic";
        }
    }

    private final Project project;
    private final Diagnostics out;

    SinkSchemaCheck(Project project, Diagnostics out) {
        this.project = project;
        this.out = out;
    }

    /** Checks the records of type {@code records} that {@code what} (at {@code pos}) writes to {@code topic}. */
    void check(RecordType records, String topic, Format format, String what, Position pos) {
        Optional<TopicSchema> declared = project.topic(topic).flatMap(Topic::schema);
        if (declared.isEmpty() || !writes(format, declared.get().kind())) {
            return; // no schema, or one the format cannot use (the topology compiler reports that)
        }
        Write write = new Write(what, topic, format, declared.get(), pos);
        demand(declared.get()).ifPresent(d -> checkRecord(write, records, d, ""));
    }

    private static boolean writes(Format format, TopicSchema.Kind kind) {
        return switch (format) {
            case JSON, JSON_SCHEMA -> kind == TopicSchema.Kind.JSON;
            case AVRO -> kind == TopicSchema.Kind.AVRO;
            case PROTOBUF -> kind == TopicSchema.Kind.PROTOBUF;
            case STRING -> false;
        };
    }

    /** The top level's demand; empty when the schema cannot be read (the topology compiler reports that). */
    private static Optional<Demand> demand(TopicSchema schema) {
        JsonSchema shape = schema.recordType();
        try {
            return Optional.of(switch (schema.kind()) {
                case JSON -> new Demand(shape, shape.required(), rejectsOtherProperties(schema.text()));
                case AVRO -> {
                    // A field without a default must be set, even a nullable one: Avro's writer has nothing else to write.
                    Set<String> noDefault = new LinkedHashSet<>();
                    for (Schema.Field f : AvroCodec.parse(schema.text()).getFields()) {
                        if (!f.hasDefaultValue()) {
                            noDefault.add(f.name());
                        }
                    }
                    yield new Demand(shape, noDefault, true);
                }
                case PROTOBUF -> protobuf(ProtobufCodec.firstMessageType(schema.text()), shape.pos());
            });
        } catch (SchemaException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Protobuf: the message's fields, of any type (the writer converts); proto2 {@code required} ones must be set. */
    private static Demand protobuf(Descriptor message, Position pos) {
        Map<String, JsonSchema> fields = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        for (FieldDescriptor f : message.getFields()) {
            fields.put(f.getName(), JsonSchema.any(pos));
            if (f.isRequired()) {
                required.add(f.getName());
            }
        }
        JsonSchema shape = new JsonSchema(Set.of(JsonType.OBJECT), fields, required, false, Optional.empty(), pos);
        return new Demand(shape, required, true);
    }

    /** Whether a JSON Schema says {@code "additionalProperties": false} at its root. */
    private static boolean rejectsOtherProperties(String text) {
        try {
            JsonNode additional = Json.MAPPER.readTree(text).path("additionalProperties");
            return additional.isBoolean() && !additional.asBoolean();
        } catch (IOException e) {
            return false;
        }
    }

    private void checkRecord(Write w, RecordType records, Demand demand, String prefix) {
        for (String name : demand.mustHave()) {
            JsonSchema property = demand.shape().properties().getOrDefault(name, JsonSchema.any(demand.shape().pos()));
            missing(w, records, name, prefix + name, nullable(property));
        }
        for (Field f : records.fields()) {
            JsonSchema property = demand.shape().properties().get(f.name());
            if (property != null) {
                fieldType(w, f, property, prefix + f.name());
            }
        }
        Set<String> extras = new LinkedHashSet<>(records.fieldNames());
        extras.removeAll(demand.shape().properties().keySet());
        if (demand.closed() && !extras.isEmpty()) {
            extra(w, extras.stream().map(n -> prefix + n).toList());
        }
    }

    /** A field the schema requires: reported when the records lack it, or (unless null is allowed) may lack it. */
    private void missing(Write w, RecordType records, String name, String path, boolean nullAllowed) {
        Optional<Field> field = records.field(name);
        if (field.isEmpty()) {
            if (!records.isClosed()) {
                return; // an open record may have it
            }
            Optional<String> removed = records.removal(name).map(r -> "field '" + path + "' was " + r.how());
            out.error(w.pos(), w.what() + " writes records without field '" + path + "' to topic '" + w.topic()
                    + "', but " + w.schema().path() + " requires it", removed.map(r -> r + "; " + w.consequence())
                    .orElse(w.consequence() + "; set it in a map step, or give it a default in the schema"));
            return;
        }
        if (!field.get().required() && !nullAllowed) {
            out.error(w.pos(), w.what() + " writes records to topic '" + w.topic() + "' where field '" + path
                    + "' may be missing or null, but " + w.schema().path() + " requires it", w.consequence()
                    + "; make sure of it with a validate step (required: [" + path + "]), or allow null in the schema");
        }
    }

    private void fieldType(Write w, Field f, JsonSchema property, String path) {
        if (!fits(f.type(), property)) {
            out.error(w.pos(), w.what() + " writes field '" + path + "' as " + RecordType.typeName(f.type())
                    + " to topic '" + w.topic() + "', but " + w.schema().path() + " says " + describe(property),
                    w.consequence());
            return;
        }
        if (f.shape().isPresent() && property.nonNullTypes().equals(Set.of(JsonType.OBJECT))
                && !property.properties().isEmpty()) {
            // Nested records: Avro's nested records drop other fields too; a nested JSON Schema is left open.
            boolean closed = w.schema().kind() == TopicSchema.Kind.AVRO && !property.additionalProperties();
            checkRecord(w, f.shape().get(), new Demand(property, property.required(), closed), path + ".");
        }
    }

    private void extra(Write w, List<String> names) {
        String fields = (names.size() == 1 ? "field " : "fields ") + names.stream().map(n -> "'" + n + "'")
                .collect(Collectors.joining(", "));
        String fix = "drop " + (names.size() == 1 ? "it" : "them") + " in a map step, or add "
                + (names.size() == 1 ? "it" : "them") + " to the schema";
        if (w.dropsExtras()) {
            out.warning(w.pos(), w.what() + " writes " + fields + " to topic '" + w.topic() + "', which "
                    + w.schema().path() + " does not have: the writer drops " + (names.size() == 1 ? "it" : "them"), fix);
        } else if (w.format() == Format.JSON_SCHEMA) {
            out.error(w.pos(), w.what() + " writes " + fields + " to topic '" + w.topic() + "', which "
                    + w.schema().path() + " does not allow (additionalProperties: false)", w.consequence() + "; " + fix);
        } else {
            out.warning(w.pos(), w.what() + " writes " + fields + " to topic '" + w.topic() + "', which "
                    + w.schema().path() + " does not allow (additionalProperties: false)", fix);
        }
    }

    private static boolean nullable(JsonSchema s) {
        return s.allowsAny() || s.types().contains(JsonType.NULL);
    }

    /** Whether values of CEL type {@code type} are among the values {@code schema} allows. */
    private static boolean fits(CelType type, JsonSchema schema) {
        if (schema.allowsAny()) {
            return true;
        }
        Set<JsonType> types = schema.types();
        return switch (type.kind()) {
            case NULL_TYPE -> types.contains(JsonType.NULL);
            case STRING -> types.contains(JsonType.STRING);
            case INT -> types.contains(JsonType.INTEGER) || types.contains(JsonType.NUMBER);
            case DOUBLE -> types.contains(JsonType.NUMBER);
            case BOOL -> types.contains(JsonType.BOOLEAN);
            case MAP -> types.contains(JsonType.OBJECT);
            case LIST -> types.contains(JsonType.ARRAY)
                    && schema.items().map(i -> fits(((ListType) type).elemType(), i)).orElse(true);
            default -> true; // dyn, and what the runtime turns into JSON values (see RecordTypes.ofResult)
        };
    }

    /** e.g. {@code number}, {@code string or null}. */
    private static String describe(JsonSchema schema) {
        return schema.types().stream().sorted().map(t -> t.name().toLowerCase()).collect(Collectors.joining(" or "));
    }
}
