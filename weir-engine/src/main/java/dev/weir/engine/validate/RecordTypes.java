package dev.weir.engine.validate;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.weir.engine.record.RecordCodec;
import dev.weir.engine.validate.RecordType.Field;
import dev.weir.spec.model.Format;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Topic;
import dev.weir.engine.schema.ProtobufRecordSchema;
import dev.weir.engine.schema.SchemaException;
import dev.weir.spec.SpecException;
import dev.weir.spec.schema.JsonSchema;
import dev.weir.spec.schema.TopicSchema;
import dev.weir.spec.schema.JsonType;
import dev.weir.spec.step.ValidateStep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where record types come from: a topic's schema or format, the JSON types a validate step checks,
 * and the values expressions give. The CEL types are the ones the runtime's values have: JSON
 * integers are {@code int}, decimals {@code double}, objects {@code map(string, ...)}.
 */
final class RecordTypes {

    private RecordTypes() {
    }

    /** The records read from {@code topic} in {@code format}: a string record, the topic's schema, or open. */
    static RecordType ofTopic(Project project, String topic, Format format) {
        if (format == Format.STRING) {
            return stringRecord();
        }
        return project.topic(topic).flatMap(Topic::schema).map(RecordTypes::fromTopicSchema).orElse(RecordType.open());
    }

    /** A topic schema's record type; a .proto file is read here, where its parser lives. */
    static RecordType fromTopicSchema(TopicSchema schema) {
        if (schema.kind() == TopicSchema.Kind.PROTOBUF) {
            try {
                return fromSchema(ProtobufRecordSchema.of(schema.text(), schema.pos()));
            } catch (SchemaException e) {
                throw SpecException.at(schema.pos(), "cannot read " + schema.path() + ": " + e.getMessage());
            }
        }
        return fromSchema(schema.recordType());
    }

    /** A record read as text: one field, {@code value}. */
    static RecordType stringRecord() {
        return RecordType.closed(List.of(new Field(RecordCodec.STRING_FIELD, SimpleType.STRING, true, Optional.empty())));
    }

    /** An object schema's properties as fields; closed unless the schema allows other properties. */
    static RecordType fromSchema(JsonSchema schema) {
        List<Field> fields = new ArrayList<>();
        schema.properties().forEach((name, property) -> fields.add(field(name, property, schema.required().contains(name))));
        return schema.additionalProperties() ? RecordType.open(fields) : RecordType.closed(fields);
    }

    private static Field field(String name, JsonSchema schema, boolean required) {
        Set<JsonType> types = schema.nonNullTypes();
        boolean nullable = schema.allowsAny() || schema.types().contains(JsonType.NULL);
        if (types.equals(Set.of(JsonType.OBJECT))) {
            RecordType shape = fromSchema(schema);
            return new Field(name, objectType(shape), required && !nullable, Optional.of(shape));
        }
        return new Field(name, celType(schema), required && !nullable, Optional.empty());
    }

    private static CelType celType(JsonSchema schema) {
        Set<JsonType> types = schema.nonNullTypes();
        if (types.equals(Set.of(JsonType.INTEGER, JsonType.NUMBER))) {
            return SimpleType.DOUBLE; // every integer is a number
        }
        if (types.size() != 1) {
            return SimpleType.DYN;
        }
        return switch (types.iterator().next()) {
            case STRING -> SimpleType.STRING;
            case NUMBER -> SimpleType.DOUBLE;
            case INTEGER -> SimpleType.INT;
            case BOOLEAN -> SimpleType.BOOL;
            case OBJECT -> objectType(fromSchema(schema));
            case ARRAY -> ListType.create(schema.items().filter(i -> !i.allowsAny()).map(RecordTypes::celType)
                    .orElse(SimpleType.DYN));
            case NULL -> SimpleType.DYN;
        };
    }

    /**
     * The CEL type of an object with the fields of {@code shape}: {@code map(string, T)} when the
     * record is closed and every field is a T, else {@code map(string, dyn)}.
     */
    static CelType objectType(RecordType shape) {
        Set<CelType> valueTypes = new HashSet<>();
        shape.fields().forEach(f -> valueTypes.add(f.type()));
        CelType value = shape.isClosed() && valueTypes.size() == 1 ? valueTypes.iterator().next() : SimpleType.DYN;
        return MapType.create(SimpleType.STRING, value);
    }

    /** The type a field has after {@code validate} checked it is {@code type}. */
    static CelType ofJsonType(ValidateStep.FieldType type) {
        return switch (type) {
            case STRING -> SimpleType.STRING;
            case NUMBER -> SimpleType.DOUBLE;
            case INTEGER -> SimpleType.INT;
            case BOOLEAN -> SimpleType.BOOL;
            case OBJECT -> MapType.create(SimpleType.STRING, SimpleType.DYN);
            case ARRAY -> ListType.create(SimpleType.DYN);
        };
    }

    /**
     * The type of the value an expression of CEL type {@code type} leaves in a record. The runtime
     * turns CEL values back into JSON ones: timestamps, durations and bytes become strings, map
     * keys strings, unsigned integers int or double.
     */
    static CelType ofResult(CelType type) {
        return switch (type.kind()) {
            case BOOL, INT, DOUBLE, STRING -> type;
            case TIMESTAMP, DURATION, BYTES, TYPE -> SimpleType.STRING;
            case LIST -> ListType.create(ofResult(((ListType) type).elemType()));
            case MAP -> MapType.create(SimpleType.STRING, ofResult(((MapType) type).valueType()));
            default -> SimpleType.DYN;
        };
    }
}
