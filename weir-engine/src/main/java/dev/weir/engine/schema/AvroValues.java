package dev.weir.engine.schema;

import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Avro generic data and the JSON-shaped values pipelines work on: records and
 * maps become maps, arrays lists, enums and strings strings, int and long become long, float and
 * double become double, decimals double, other bytes and fixed base64 text. Unions take the
 * branch that fits the value. Logical time types stay numbers (epoch millis, days).
 */
final class AvroValues {

    private AvroValues() {
    }

    static Object toJava(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        switch (schema.getType()) {
            case RECORD: {
                GenericRecord r = (GenericRecord) value;
                Map<String, Object> m = new LinkedHashMap<>();
                for (Schema.Field f : schema.getFields()) {
                    m.put(f.name(), toJava(r.get(f.pos()), f.schema()));
                }
                return m;
            }
            case UNION:
                return toJava(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            case ARRAY: {
                List<Object> l = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    l.add(toJava(item, schema.getElementType()));
                }
                return l;
            }
            case MAP: {
                Map<String, Object> m = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> m.put(k.toString(), toJava(v, schema.getValueType())));
                return m;
            }
            case ENUM:
            case STRING:
                return value.toString();
            case INT:
                return ((Integer) value).longValue();
            case LONG:
                return value;
            case FLOAT:
                return ((Float) value).doubleValue();
            case DOUBLE:
            case BOOLEAN:
                return value;
            case BYTES: {
                ByteBuffer b = ((ByteBuffer) value).duplicate();
                if (schema.getLogicalType() instanceof LogicalTypes.Decimal d) {
                    return new Conversions.DecimalConversion().fromBytes(b, schema, d).doubleValue();
                }
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                return Base64.getEncoder().encodeToString(bytes);
            }
            case FIXED: {
                GenericFixed f = (GenericFixed) value;
                if (schema.getLogicalType() instanceof LogicalTypes.Decimal d) {
                    return new Conversions.DecimalConversion().fromFixed(f, schema, d).doubleValue();
                }
                return Base64.getEncoder().encodeToString(f.bytes());
            }
            default:
                return null;
        }
    }

    /** Builds Avro data for {@code schema} from a pipeline value; {@code path} names the field in errors. */
    static Object toAvro(Object value, Schema schema, String path) throws SchemaException {
        switch (schema.getType()) {
            case NULL:
                if (value != null) {
                    throw mismatch(path, schema, value);
                }
                return null;
            case UNION:
                for (Schema branch : schema.getTypes()) {
                    if (fits(value, branch)) {
                        return toAvro(value, branch, path);
                    }
                }
                throw mismatch(path, schema, value);
            case RECORD: {
                if (!(value instanceof Map<?, ?> m)) {
                    throw mismatch(path, schema, value);
                }
                GenericData.Record r = new GenericData.Record(schema);
                for (Schema.Field f : schema.getFields()) {
                    String fieldPath = path.isEmpty() ? f.name() : path + "." + f.name();
                    if (m.containsKey(f.name())) {
                        r.put(f.pos(), toAvro(m.get(f.name()), f.schema(), fieldPath));
                    } else if (f.hasDefaultValue()) {
                        r.put(f.pos(), GenericData.get().getDefaultValue(f));
                    } else {
                        throw new SchemaException("field '" + fieldPath + "' is required by the schema but missing");
                    }
                }
                return r;
            }
            case ARRAY: {
                if (!(value instanceof List<?> l)) {
                    throw mismatch(path, schema, value);
                }
                List<Object> out = new ArrayList<>(l.size());
                for (int i = 0; i < l.size(); i++) {
                    out.add(toAvro(l.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return new GenericData.Array<>(schema, out);
            }
            case MAP: {
                if (!(value instanceof Map<?, ?> m)) {
                    throw mismatch(path, schema, value);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (var e : m.entrySet()) {
                    out.put(e.getKey().toString(), toAvro(e.getValue(), schema.getValueType(), path + "." + e.getKey()));
                }
                return out;
            }
            case ENUM: {
                if (!(value instanceof String s) || !schema.getEnumSymbols().contains(s)) {
                    throw new SchemaException("field '" + path + "' must be one of " + schema.getEnumSymbols() + ", was "
                            + describe(value));
                }
                GenericEnumSymbol<?> symbol = new GenericData.EnumSymbol(schema, s);
                return symbol;
            }
            case STRING:
                if (value instanceof String) {
                    return value;
                }
                throw mismatch(path, schema, value);
            case INT:
                if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                    return l.intValue();
                }
                throw mismatch(path, schema, value);
            case LONG:
                if (value instanceof Long) {
                    return value;
                }
                throw mismatch(path, schema, value);
            case FLOAT:
                if (value instanceof Number n) {
                    return n.floatValue();
                }
                throw mismatch(path, schema, value);
            case DOUBLE:
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                throw mismatch(path, schema, value);
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                throw mismatch(path, schema, value);
            case BYTES:
                if (schema.getLogicalType() instanceof LogicalTypes.Decimal d && value instanceof Number n) {
                    BigDecimal dec = new BigDecimal(n.toString()).setScale(d.getScale(), java.math.RoundingMode.HALF_EVEN);
                    return new Conversions.DecimalConversion().toBytes(dec, schema, d);
                }
                if (value instanceof String s) {
                    return ByteBuffer.wrap(decodeBase64(s, path));
                }
                throw mismatch(path, schema, value);
            case FIXED:
                if (value instanceof String s) {
                    byte[] bytes = decodeBase64(s, path);
                    if (bytes.length != schema.getFixedSize()) {
                        throw new SchemaException("field '" + path + "' must hold " + schema.getFixedSize() + " bytes");
                    }
                    return new GenericData.Fixed(schema, bytes);
                }
                throw mismatch(path, schema, value);
            default:
                throw mismatch(path, schema, value);
        }
    }

    private static boolean fits(Object v, Schema s) {
        return switch (s.getType()) {
            case NULL -> v == null;
            case RECORD, MAP -> v instanceof Map;
            case ARRAY -> v instanceof List;
            case STRING, ENUM -> v instanceof String;
            case INT -> v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
            case LONG -> v instanceof Long;
            case FLOAT, DOUBLE -> v instanceof Double || v instanceof Long;
            case BOOLEAN -> v instanceof Boolean;
            case BYTES, FIXED -> v instanceof String || (v instanceof Number && s.getLogicalType() instanceof LogicalTypes.Decimal);
            default -> false;
        };
    }

    private static byte[] decodeBase64(String s, String path) throws SchemaException {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new SchemaException("field '" + path + "' must be base64 for Avro bytes");
        }
    }

    private static SchemaException mismatch(String path, Schema schema, Object value) {
        String where = path.isEmpty() ? "the record" : "field '" + path + "'";
        return new SchemaException(where + " must be " + schema.getType().getName()
                + (schema.getType() == Schema.Type.UNION ? " of " + schema.getTypes() : "") + ", was " + describe(value));
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 30 ? s.substring(0, 30) + "..." : s) + "\"";
        }
        return (v instanceof Map ? "an object" : v instanceof List ? "a list" : v.getClass().getSimpleName().toLowerCase() + " " + v);
    }

}
