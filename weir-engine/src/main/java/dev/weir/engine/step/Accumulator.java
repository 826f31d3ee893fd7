package dev.weir.engine.step;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weir.engine.record.Json;
import dev.weir.spec.step.AggregateStep.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The running state of every {@code compute} column of one group (and window). It is stored
 * column by column, each under its name, so a column added to the pipeline later starts empty
 * instead of breaking the stored state (see {@link #write()} for the format).
 * <p>
 * Instances are updated in place: the state store holds bytes, so every aggregation call works
 * on its own freshly read copy.
 */
final class Accumulator {

    /** The state of one column; which fields are used depends on the function. */
    static final class Cell {
        /** count(): records seen; the other functions: non-null values seen. */
        long n;
        /** Exact sum while every value was an integer and the sum fits a long. */
        long longSum;
        /** The sum as a double, always kept (avg, and sum once it is no longer exact). */
        double sum;
        /** A non-integer was added, or the long sum overflowed: sum reports {@link #sum}. */
        boolean decimal;
        /** min or max so far, as it came in (Long or Double). */
        Number extreme;
        /** count_distinct: the text of every value seen. */
        Set<String> distinct;
    }

    private final Map<String, Function> columns;
    private final Map<String, Cell> cells = new LinkedHashMap<>();

    /** An empty accumulator for {@code columns} (column name to function, in output order). */
    Accumulator(Map<String, Function> columns) {
        this.columns = columns;
        columns.keySet().forEach(c -> cells.put(c, new Cell()));
    }

    /** Adds one record's arguments (column to value; an absent or null value is skipped, as in SQL). */
    Accumulator add(Map<String, Object> args) {
        columns.forEach((column, fn) -> {
            Cell c = cells.get(column);
            if (fn == Function.COUNT) {
                c.n++;
                return;
            }
            Object v = args.get(column);
            if (v == null) {
                return;
            }
            c.n++;
            switch (fn) {
                case SUM, AVG -> addNumber(c, (Number) v);
                case MIN -> c.extreme = c.extreme == null || compare((Number) v, c.extreme) < 0 ? (Number) v : c.extreme;
                case MAX -> c.extreme = c.extreme == null || compare((Number) v, c.extreme) > 0 ? (Number) v : c.extreme;
                case COUNT_DISTINCT -> distinct(c).add((String) v);
                default -> throw new IllegalStateException("unhandled function " + fn);
            }
        });
        return this;
    }

    /** Folds {@code other} into this accumulator (session windows that merge). Correct for every function. */
    Accumulator merge(Accumulator other) {
        columns.forEach((column, fn) -> {
            Cell c = cells.get(column);
            Cell o = other.cells.get(column);
            c.n += o.n;
            switch (fn) {
                case COUNT -> { }
                case SUM, AVG -> {
                    c.sum += o.sum;
                    c.decimal |= o.decimal;
                    addLong(c, o.longSum);
                }
                case MIN -> c.extreme = pick(c.extreme, o.extreme, -1);
                case MAX -> c.extreme = pick(c.extreme, o.extreme, 1);
                case COUNT_DISTINCT -> {
                    if (o.distinct != null) {
                        distinct(c).addAll(o.distinct);
                    }
                }
                default -> throw new IllegalStateException("unhandled function " + fn);
            }
        });
        return this;
    }

    /** The value of every column, in column order. See {@link AggregateStreamStep} for the types. */
    Map<String, Object> results() {
        Map<String, Object> out = new LinkedHashMap<>();
        columns.forEach((column, fn) -> {
            Cell c = cells.get(column);
            out.put(column, switch (fn) {
                case COUNT -> c.n;
                case SUM -> c.n == 0 ? null : c.decimal ? (Object) c.sum : (Object) c.longSum;
                case AVG -> c.n == 0 ? null : (c.decimal ? c.sum : (double) c.longSum) / c.n;
                case MIN, MAX -> c.extreme;
                case COUNT_DISTINCT -> c.distinct == null ? 0L : (long) c.distinct.size();
            });
        });
        return out;
    }

    private static void addNumber(Cell c, Number v) {
        c.sum += v.doubleValue();
        if (v instanceof Long l) {
            addLong(c, l);
        } else {
            c.decimal = true;
        }
    }

    private static void addLong(Cell c, long v) {
        if (c.decimal) {
            return;
        }
        try {
            c.longSum = Math.addExact(c.longSum, v);
        } catch (ArithmeticException overflow) {
            c.decimal = true;
        }
    }

    private static Set<String> distinct(Cell c) {
        if (c.distinct == null) {
            c.distinct = new HashSet<>();
        }
        return c.distinct;
    }

    /** Of two possibly absent numbers, the smaller ({@code sign} -1) or the larger ({@code sign} 1). */
    private static Number pick(Number a, Number b, int sign) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Integer.signum(compare(b, a)) == sign ? b : a;
    }

    /** Compares numerically: longs exactly, anything involving a double as doubles. */
    static int compare(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    // ---- storage. Current format: a version byte, then per column its name and a length-prefixed
    // body, so a reader skips columns it does not know and starts missing ones empty:
    //   1, varint columns, { varint nameLength, name (UTF-8), bodyLength (4 bytes, big-endian), body }*
    //   body: flags (HAS_SUM, DECIMAL, HAS_EXTREME, HAS_SET), varlong n,
    //         [double sum, zigzag varlong long sum], [extreme], [varint count, { varint length, UTF-8 }*]
    // Doubles are their 8 IEEE bytes: no decimal text to print and parse for every record.
    // State written by earlier versions is JSON, {"<column>": {"n": 3, "sum": 6.5, "long": 3,
    // "decimal": true, "v": 1, "set": ["a", "b"]}, ...}, and is still read.

    static final byte FORMAT = 1;
    private static final int HAS_SUM = 1;
    private static final int DECIMAL = 2;
    private static final int HAS_EXTREME = 4;
    private static final int HAS_SET = 8;
    private static final int NUMBER_NULL = 0;
    private static final int NUMBER_LONG = 1;
    private static final int NUMBER_DOUBLE = 2;
    /** Any other number (a BigInteger from JSON input) as its JSON text, so it reads back exactly. */
    private static final int NUMBER_JSON = 3;

    /** The state as stored: read and written for every record, and a count_distinct set can hold thousands of values. */
    byte[] write() {
        StateWriter out = new StateWriter(64 + 16 * columns.size());
        out.buf[out.size++] = FORMAT;
        out.varLong(columns.size());
        for (Map.Entry<String, Function> e : columns.entrySet()) {
            Cell c = cells.get(e.getKey());
            out.string(e.getKey());
            int lengthAt = out.reserveLength();
            int flags = switch (e.getValue()) {
                case SUM, AVG -> HAS_SUM | (c.decimal ? DECIMAL : 0);
                case MIN, MAX -> HAS_EXTREME;
                case COUNT_DISTINCT -> HAS_SET;
                default -> 0;
            };
            out.ensure(1);
            out.buf[out.size++] = (byte) flags;
            out.varLong(c.n);
            if ((flags & HAS_SUM) != 0) {
                out.fixedLong(Double.doubleToRawLongBits(c.sum));
                out.varLong((c.longSum << 1) ^ (c.longSum >> 63));
            }
            if ((flags & HAS_EXTREME) != 0) {
                out.number(c.extreme);
            }
            if ((flags & HAS_SET) != 0) {
                Set<String> set = c.distinct == null ? Set.of() : c.distinct;
                out.varLong(set.size());
                for (String v : set) {
                    out.string(v);
                }
            }
            out.finishLength(lengthAt);
        }
        return Arrays.copyOf(out.buf, out.size);
    }

    /**
     * Reads what {@link #write()} wrote, or the JSON state of earlier versions. A column or field it
     * does not know is skipped, and a column it misses starts empty, so adding or removing compute
     * columns keeps the stored state usable.
     */
    static Accumulator read(Map<String, Function> columns, byte[] bytes) throws IOException {
        if (bytes.length > 0 && bytes[0] != FORMAT) {
            return readJson(columns, bytes);
        }
        Accumulator acc = new Accumulator(columns);
        StateReader in = new StateReader(bytes, 1);
        for (long i = in.varLong(); i > 0; i--) {
            String column = in.string();
            int length = in.length();
            int end = in.position + length;
            Cell c = acc.cells.get(column);
            if (c != null) {
                int flags = in.flags();
                c.n = in.varLong();
                if ((flags & HAS_SUM) != 0) {
                    c.sum = Double.longBitsToDouble(in.fixedLong());
                    long zigzag = in.varLong();
                    c.longSum = (zigzag >>> 1) ^ -(zigzag & 1);
                    c.decimal = (flags & DECIMAL) != 0;
                }
                if ((flags & HAS_EXTREME) != 0) {
                    c.extreme = in.number();
                }
                if ((flags & HAS_SET) != 0) {
                    long n = in.varLong();
                    if (n > length) {
                        throw new IOException("aggregate state of column " + column + " has a malformed count");
                    }
                    if (n > 0) {
                        Set<String> values = new HashSet<>((int) Math.min(n, 1 << 16) * 4 / 3 + 1);
                        for (long j = 0; j < n; j++) {
                            values.add(in.string());
                        }
                        c.distinct = values;
                    }
                }
                if (in.position > end) {
                    throw new IOException("aggregate state of column " + column + " runs past its length");
                }
            }
            in.position = end;
        }
        return acc;
    }

    /** Builds the stored bytes; grows as needed. */
    private static final class StateWriter {
        byte[] buf;
        int size;

        StateWriter(int capacity) {
            buf = new byte[capacity];
        }

        void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        void varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void fixedLong(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
        }

        /** A length that is filled in later: four bytes, big-endian. */
        int reserveLength() {
            ensure(4);
            size += 4;
            return size - 4;
        }

        void finishLength(int at) {
            int length = size - at - 4;
            buf[at] = (byte) (length >>> 24);
            buf[at + 1] = (byte) (length >>> 16);
            buf[at + 2] = (byte) (length >>> 8);
            buf[at + 3] = (byte) length;
        }

        void string(String s) {
            int n = s.length();
            // ASCII, the common case, is copied without an intermediate array
            for (int i = 0; i < n; i++) {
                if (s.charAt(i) >= 0x80) {
                    bytes(s.getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            varLong(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) s.charAt(i);
            }
        }

        void bytes(byte[] b) {
            varLong(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void number(Number v) {
            ensure(9);
            if (v == null) {
                buf[size++] = NUMBER_NULL;
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                buf[size++] = NUMBER_LONG;
                long l = v.longValue();
                varLong((l << 1) ^ (l >> 63));
            } else if (v instanceof Double || v instanceof Float) {
                buf[size++] = NUMBER_DOUBLE;
                fixedLong(Double.doubleToRawLongBits(v.doubleValue()));
            } else {
                buf[size++] = NUMBER_JSON;
                bytes(Json.write(v));
            }
        }
    }

    /** Reads the stored bytes; a truncated or malformed state is an error, not a wrong result. */
    private static final class StateReader {
        final byte[] buf;
        int position;

        StateReader(byte[] buf, int position) {
            this.buf = buf;
            this.position = position;
        }

        private void need(int n) throws IOException {
            if (n < 0 || position + n > buf.length) {
                throw new IOException("aggregate state ends early, at byte " + position + " of " + buf.length);
            }
        }

        int flags() throws IOException {
            need(1);
            return buf[position++];
        }

        long varLong() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                need(1);
                byte b = buf[position++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IOException("aggregate state has a malformed number at byte " + position);
        }

        long fixedLong() throws IOException {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[position++] & 0xFF);
            }
            return v;
        }

        int length() throws IOException {
            need(4);
            int n = ((buf[position] & 0xFF) << 24) | ((buf[position + 1] & 0xFF) << 16)
                    | ((buf[position + 2] & 0xFF) << 8) | (buf[position + 3] & 0xFF);
            position += 4;
            need(n);
            return n;
        }

        String string() throws IOException {
            long n = varLong();
            if (n > Integer.MAX_VALUE) {
                throw new IOException("aggregate state has a malformed length at byte " + position);
            }
            need((int) n);
            String s = new String(buf, position, (int) n, StandardCharsets.UTF_8);
            position += (int) n;
            return s;
        }

        Number number() throws IOException {
            need(1);
            return switch (buf[position++]) {
                case NUMBER_NULL -> null;
                case NUMBER_LONG -> {
                    long zigzag = varLong();
                    yield (zigzag >>> 1) ^ -(zigzag & 1);
                }
                case NUMBER_DOUBLE -> Double.longBitsToDouble(fixedLong());
                case NUMBER_JSON -> {
                    long n = varLong();
                    need((int) n);
                    try (JsonParser p = Json.MAPPER.createParser(buf, position, (int) n)) {
                        position += (int) n;
                        yield (Number) Json.readValue(p, p.nextToken());
                    }
                }
                default -> throw new IOException("aggregate state has an unknown number type at byte " + (position - 1));
            };
        }
    }

    /** Reads the JSON state earlier versions stored. */
    private static Accumulator readJson(Map<String, Function> columns, byte[] bytes) throws IOException {
        Accumulator acc = new Accumulator(columns);
        try (JsonParser p = Json.MAPPER.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected a JSON object");
            }
            for (String column = p.nextFieldName(); column != null; column = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                Cell c = acc.cells.get(column);
                if (c == null || t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                readCell(p, c);
            }
        }
        return acc;
    }

    private static void readCell(JsonParser p, Cell c) throws IOException {
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            boolean number = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
            switch (field) {
                case "n" -> c.n = number ? p.getLongValue() : 0;
                case "sum" -> c.sum = number ? p.getDoubleValue() : 0;
                case "long" -> c.longSum = number ? p.getLongValue() : 0;
                case "decimal" -> c.decimal = t == JsonToken.VALUE_TRUE;
                case "v" -> c.extreme = number ? (Number) Json.readValue(p, t) : null;
                case "set" -> {
                    if (t != JsonToken.START_ARRAY) {
                        p.skipChildren();
                        break;
                    }
                    Set<String> values = new HashSet<>();
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                        values.add(e == JsonToken.VALUE_STRING ? p.getText() : String.valueOf(Json.readValue(p, e)));
                    }
                    c.distinct = values.isEmpty() ? null : values;
                }
                default -> p.skipChildren();
            }
        }
    }

    /** A serde for accumulators of {@code columns}, for state stores and their changelogs. */
    static Serde<Accumulator> serde(Map<String, Function> columns) {
        return new Serde<>() {
            @Override
            public Serializer<Accumulator> serializer() {
                return (topic, acc) -> acc == null ? null : acc.write();
            }

            @Override
            public Deserializer<Accumulator> deserializer() {
                return (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    try {
                        return read(columns, bytes);
                    } catch (IOException e) {
                        throw new SerializationException("aggregate state on " + topic + " cannot be read: " + e.getMessage(), e);
                    }
                };
            }
        };
    }
}
