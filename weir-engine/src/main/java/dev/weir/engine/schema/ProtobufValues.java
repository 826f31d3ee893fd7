package dev.weir.engine.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts between protobuf messages and the JSON-shaped values pipelines work on: messages become
 * maps (fields in declaration order, named as in the .proto), repeated fields lists, map fields
 * maps with string keys, enums their symbol, every integer type long, float and double double,
 * bytes base64 text. A {@code google.protobuf.Timestamp} becomes ISO-8601 text and the wrapper
 * types ({@code google.protobuf.StringValue} and the like) their value; other well-known types are
 * plain messages.
 *
 * <p>Every field of a message is in its map. A field that tracks presence (message fields, oneof
 * members, proto2 fields, proto3 {@code optional}) is null when not set; any other proto3 field
 * holds its value, which is the type's default (0, "", false, the first enum symbol, an empty list
 * or map) when none was written, as protobuf itself reads it. When writing, a missing or null field
 * is left unset and keys the message has no field for are left out.
 *
 * <p>uint32 and fixed32 read as non-negative longs; uint64 and fixed64 are carried in a long's 64
 * bits, so values from 2^63 up read as negative longs and are written back unchanged. An enum
 * number an open (proto3) enum does not name reads as that number.
 */
final class ProtobufValues {

    static final String TIMESTAMP = "google.protobuf.Timestamp";
    private static final Set<String> WRAPPERS = Set.of("google.protobuf.DoubleValue", "google.protobuf.FloatValue",
            "google.protobuf.Int64Value", "google.protobuf.UInt64Value", "google.protobuf.Int32Value",
            "google.protobuf.UInt32Value", "google.protobuf.BoolValue", "google.protobuf.StringValue",
            "google.protobuf.BytesValue");

    private ProtobufValues() {
    }

    static Map<String, Object> toJava(Message message) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (FieldDescriptor f : message.getDescriptorForType().getFields()) {
            Object value = message.getField(f);
            if (f.isMapField()) {
                FieldDescriptor key = f.getMessageType().findFieldByNumber(1);
                FieldDescriptor val = f.getMessageType().findFieldByNumber(2);
                Map<String, Object> map = new LinkedHashMap<>();
                for (Object item : (List<?>) value) {
                    Message entry = (Message) item;
                    map.put(String.valueOf(toJava(key, entry.getField(key))), toJava(val, entry.getField(val)));
                }
                m.put(f.getName(), map);
            } else if (f.isRepeated()) {
                List<Object> list = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    list.add(toJava(f, item));
                }
                m.put(f.getName(), list);
            } else {
                m.put(f.getName(), f.hasPresence() && !message.hasField(f) ? null : toJava(f, value));
            }
        }
        return m;
    }

    private static Object toJava(FieldDescriptor f, Object value) {
        switch (f.getType()) {
            case INT32: case SINT32: case SFIXED32:
                return ((Integer) value).longValue();
            case UINT32: case FIXED32:
                return Integer.toUnsignedLong((Integer) value);
            case FLOAT:
                return ((Float) value).doubleValue();
            case BYTES:
                return Base64.getEncoder().encodeToString(((ByteString) value).toByteArray());
            case ENUM: {
                EnumValueDescriptor symbol = (EnumValueDescriptor) value;
                return f.getEnumType().findValueByNumber(symbol.getNumber()) == null ? (Object) (long) symbol.getNumber()
                        : symbol.getName();
            }
            case MESSAGE: case GROUP: {
                Message message = (Message) value;
                String type = message.getDescriptorForType().getFullName();
                if (type.equals(TIMESTAMP)) {
                    Descriptor d = message.getDescriptorForType();
                    return Instant.ofEpochSecond((Long) message.getField(d.findFieldByName("seconds")),
                            (Integer) message.getField(d.findFieldByName("nanos"))).toString();
                }
                if (WRAPPERS.contains(type)) {
                    FieldDescriptor inner = message.getDescriptorForType().findFieldByName("value");
                    return toJava(inner, message.getField(inner));
                }
                return toJava(message);
            }
            default: // int64, sint64, sfixed64, uint64, fixed64, double, bool, string
                return value;
        }
    }

    /** Builds a message of {@code type} from a pipeline value; {@code path} names the field in errors. */
    static DynamicMessage toMessage(Map<?, ?> record, Descriptor type, String path) throws SchemaException {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        Map<OneofDescriptor, String> chosen = new HashMap<>();
        for (FieldDescriptor f : type.getFields()) {
            Object value = record.get(f.getName());
            String fieldPath = path.isEmpty() ? f.getName() : path + "." + f.getName();
            if (value == null) {
                if (f.isRequired()) {
                    throw new SchemaException("field '" + fieldPath + "' is required by the schema but missing");
                }
                continue;
            }
            OneofDescriptor oneOf = f.getRealContainingOneof();
            String other = oneOf == null ? null : chosen.putIfAbsent(oneOf, fieldPath);
            if (other != null) {
                throw new SchemaException("fields '" + other + "' and '" + fieldPath + "' are both in oneof '"
                        + oneOf.getName() + "': set one of them at most");
            }
            if (f.isMapField()) {
                FieldDescriptor key = f.getMessageType().findFieldByNumber(1);
                FieldDescriptor val = f.getMessageType().findFieldByNumber(2);
                if (!(value instanceof Map<?, ?> map)) {
                    throw mismatch(fieldPath, "an object (map<" + typeName(key) + ", " + typeName(val) + ">)", value);
                }
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String entryPath = fieldPath + "." + e.getKey();
                    builder.addRepeatedField(f, DynamicMessage.newBuilder(f.getMessageType())
                            .setField(key, key(key, e.getKey(), fieldPath))
                            .setField(val, toProto(val, notNull(e.getValue(), entryPath), entryPath)).build());
                }
            } else if (f.isRepeated()) {
                if (!(value instanceof List<?> list)) {
                    throw mismatch(fieldPath, "a list of " + typeName(f), value);
                }
                for (int i = 0; i < list.size(); i++) {
                    String itemPath = fieldPath + "[" + i + "]";
                    builder.addRepeatedField(f, toProto(f, notNull(list.get(i), itemPath), itemPath));
                }
            } else {
                builder.setField(f, toProto(f, value, fieldPath));
            }
        }
        return builder.build();
    }

    private static Object toProto(FieldDescriptor f, Object value, String path) throws SchemaException {
        Long integral = value instanceof Long || value instanceof Integer || value instanceof Short
                ? ((Number) value).longValue() : null;
        switch (f.getType()) {
            case INT32: case SINT32: case SFIXED32:
                if (integral != null && integral >= Integer.MIN_VALUE && integral <= Integer.MAX_VALUE) {
                    return integral.intValue();
                }
                break;
            case UINT32: case FIXED32:
                if (integral != null && integral >= 0 && integral <= 0xFFFF_FFFFL) {
                    return integral.intValue();
                }
                break;
            case INT64: case SINT64: case SFIXED64: case UINT64: case FIXED64:
                if (integral != null) {
                    return integral;
                }
                break;
            case FLOAT:
                if (value instanceof Number n) {
                    return n.floatValue();
                }
                break;
            case DOUBLE:
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                break;
            case BOOL:
                if (value instanceof Boolean) {
                    return value;
                }
                break;
            case STRING:
                if (value instanceof String) {
                    return value;
                }
                break;
            case BYTES:
                if (value instanceof String s) {
                    try {
                        return ByteString.copyFrom(Base64.getDecoder().decode(s));
                    } catch (IllegalArgumentException e) {
                        throw new SchemaException("field '" + path + "' must be base64 for protobuf bytes");
                    }
                }
                break;
            case ENUM: {
                EnumValueDescriptor symbol = value instanceof String s ? f.getEnumType().findValueByName(s)
                        : integral == null || integral != integral.intValue() ? null
                        : f.getEnumType().isClosed() ? f.getEnumType().findValueByNumber(integral.intValue())
                        : f.getEnumType().findValueByNumberCreatingIfUnknown(integral.intValue());
                if (symbol != null) {
                    return symbol;
                }
                List<String> names = f.getEnumType().getValues().stream().map(EnumValueDescriptor::getName).toList();
                throw mismatch(path, "one of " + names, value);
            }
            default:
                return message(f.getMessageType(), value, path);
        }
        throw mismatch(path, typeName(f), value);
    }

    private static Message message(Descriptor type, Object value, String path) throws SchemaException {
        if (type.getFullName().equals(TIMESTAMP)) {
            Instant instant;
            try {
                instant = value instanceof String s ? OffsetDateTime.parse(s).toInstant() : null;
            } catch (DateTimeParseException e) {
                instant = null;
            }
            if (instant == null) {
                throw mismatch(path, "an ISO-8601 timestamp", value);
            }
            return DynamicMessage.newBuilder(type).setField(type.findFieldByName("seconds"), instant.getEpochSecond())
                    .setField(type.findFieldByName("nanos"), instant.getNano()).build();
        }
        if (WRAPPERS.contains(type.getFullName())) {
            FieldDescriptor inner = type.findFieldByName("value");
            return DynamicMessage.newBuilder(type).setField(inner, toProto(inner, value, path)).build();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw mismatch(path, "an object (" + type.getFullName() + ")", value);
        }
        return toMessage(map, type, path);
    }

    /** Map keys arrive as text, as JSON has them; numeric and bool keys are read from it. */
    private static Object key(FieldDescriptor key, Object k, String path) throws SchemaException {
        Object value = k;
        if (k instanceof String s && key.getType() != FieldDescriptor.Type.STRING) {
            if (key.getType() == FieldDescriptor.Type.BOOL) {
                value = s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : s;
            } else {
                try {
                    value = Long.parseLong(s);
                } catch (NumberFormatException e) {
                    value = s;
                }
            }
        }
        try {
            return toProto(key, value, path);
        } catch (SchemaException e) {
            throw new SchemaException("keys of field '" + path + "' must be " + typeName(key) + ", one was "
                    + AvroValues.describe(k));
        }
    }

    private static Object notNull(Object value, String path) throws SchemaException {
        if (value == null) {
            throw new SchemaException("field '" + path + "' must not be null: protobuf lists and maps hold no nulls");
        }
        return value;
    }

    private static String typeName(FieldDescriptor f) {
        return switch (f.getJavaType()) {
            case MESSAGE -> f.getMessageType().getFullName();
            case ENUM -> f.getEnumType().getFullName();
            default -> f.getType().name().toLowerCase();
        };
    }

    private static SchemaException mismatch(String path, String expected, Object value) {
        String where = path.isEmpty() ? "the record" : "field '" + path + "'";
        return new SchemaException(where + " must be " + expected + ", was " + AvroValues.describe(value));
    }
}
