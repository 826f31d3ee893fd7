package dev.weir.engine.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.weir.spec.Position;
import dev.weir.spec.schema.JsonSchema;
import dev.weir.spec.schema.JsonType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What expressions see of a Protobuf topic's records: the first message of its .proto file, with
 * fields typed as {@link ProtobufCodec} decodes them (integers, numbers, strings for string, bytes
 * and enums, objects for messages and maps, arrays for repeated fields; Timestamp as a string).
 * Fields that track presence may be null.
 */
public final class ProtobufRecordSchema {

    private ProtobufRecordSchema() {
    }

    public static JsonSchema of(String protoText, Position pos) throws SchemaException {
        FileDescriptor file = ProtoDescriptors.build(protoText, Map.of());
        if (file.getMessageTypes().isEmpty()) {
            throw new SchemaException("the .proto file declares no message");
        }
        return message(file.getMessageTypes().get(0), pos, 0);
    }

    private static JsonSchema message(Descriptor message, Position pos, int depth) {
        Map<String, JsonSchema> properties = new LinkedHashMap<>();
        for (FieldDescriptor f : message.getFields()) {
            JsonSchema type = depth > 16 ? any(pos) : field(f, pos, depth);
            if (f.hasPresence() && !f.isRepeated()) {
                type = new JsonSchema(union(type.types(), JsonType.NULL), type.properties(), type.required(),
                        type.additionalProperties(), type.items(), pos);
            }
            properties.put(f.getName(), type);
        }
        return new JsonSchema(Set.of(JsonType.OBJECT), properties, Set.of(), false, Optional.empty(), pos);
    }

    private static JsonSchema field(FieldDescriptor f, Position pos, int depth) {
        if (f.isMapField()) {
            return new JsonSchema(Set.of(JsonType.OBJECT), Map.of(), Set.of(), true, Optional.empty(), pos);
        }
        JsonSchema single = single(f, pos, depth);
        if (f.isRepeated()) {
            return new JsonSchema(Set.of(JsonType.ARRAY), Map.of(), Set.of(), true, Optional.of(single), pos);
        }
        return single;
    }

    private static JsonSchema single(FieldDescriptor f, Position pos, int depth) {
        return switch (f.getJavaType()) {
            case INT, LONG -> scalar(JsonType.INTEGER, pos);
            case FLOAT, DOUBLE -> scalar(JsonType.NUMBER, pos);
            case BOOLEAN -> scalar(JsonType.BOOLEAN, pos);
            case STRING, BYTE_STRING, ENUM -> scalar(JsonType.STRING, pos);
            case MESSAGE -> switch (f.getMessageType().getFullName()) {
                case "google.protobuf.Timestamp", "google.protobuf.StringValue", "google.protobuf.BytesValue" ->
                        scalar(JsonType.STRING, pos);
                case "google.protobuf.Int32Value", "google.protobuf.Int64Value", "google.protobuf.UInt32Value",
                        "google.protobuf.UInt64Value" -> scalar(JsonType.INTEGER, pos);
                case "google.protobuf.FloatValue", "google.protobuf.DoubleValue" -> scalar(JsonType.NUMBER, pos);
                case "google.protobuf.BoolValue" -> scalar(JsonType.BOOLEAN, pos);
                default -> message(f.getMessageType(), pos, depth + 1);
            };
        };
    }

    private static JsonSchema scalar(JsonType type, Position pos) {
        return new JsonSchema(Set.of(type), Map.of(), Set.of(), true, Optional.empty(), pos);
    }

    private static JsonSchema any(Position pos) {
        return JsonSchema.any(pos);
    }

    private static Set<JsonType> union(Set<JsonType> types, JsonType extra) {
        java.util.EnumSet<JsonType> out = types.isEmpty() ? java.util.EnumSet.noneOf(JsonType.class) : java.util.EnumSet.copyOf(types);
        out.add(extra);
        return out;
    }
}
