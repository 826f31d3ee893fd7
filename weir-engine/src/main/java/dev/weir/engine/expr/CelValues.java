package dev.weir.engine.expr;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import dev.cel.common.values.NullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between record values (JSON-shaped Java objects) and what the CEL runtime expects and returns. */
final class CelValues {

    private CelValues() {
    }

    /** Record value to CEL: null becomes CEL's null, nested maps and lists are converted too. */
    @SuppressWarnings("unchecked")
    static Object toCel(Object v) {
        if (v == null) {
            return NullValue.NULL_VALUE;
        }
        if (v instanceof Map<?, ?> m) {
            boolean clean = true;
            for (Object x : m.values()) {
                if (x == null || x instanceof Map || x instanceof List || x instanceof Integer) {
                    clean = false;
                    break;
                }
            }
            if (clean) {
                return m;
            }
            Map<String, Object> out = new LinkedHashMap<>(m.size() * 2);
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, toCel(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(toCel(x));
            }
            return out;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof java.math.BigInteger b) {
            return b.doubleValue();
        }
        if (v instanceof java.math.BigDecimal b) {
            return b.doubleValue();
        }
        return v;
    }

    /** CEL result to a record value that encodes as JSON. */
    static Object fromCel(Object v) {
        if (v == null || v instanceof NullValue || v instanceof com.google.protobuf.NullValue) {
            return null;
        }
        if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v instanceof UnsignedLong u) {
            return u.longValue() >= 0 ? u.longValue() : u.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(fromCel(k)), fromCel(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(fromCel(x));
            }
            return out;
        }
        if (v instanceof ByteString b) {
            return Base64.getEncoder().encodeToString(b.toByteArray());
        }
        if (v instanceof com.google.protobuf.Timestamp t) {
            return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof com.google.protobuf.Duration d) {
            return Duration.ofSeconds(d.getSeconds(), d.getNanos()).toString();
        }
        if (v instanceof Duration d) {
            return d.toString();
        }
        return v.toString();
    }
}
