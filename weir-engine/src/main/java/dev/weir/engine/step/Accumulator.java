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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The running state of every {@code compute} column of one group (and window). It is stored as
 * a JSON object keyed by column name, so a column added to the pipeline later starts empty
 * instead of breaking the stored state.
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

    // ---- storage: a JSON object, one entry per column holding only the fields its function uses:
    // {"<column>": {"n": 3, "sum": 6.5, "long": 3, "decimal": true, "v": 1, "set": ["a", "b"]}, ...}

    /**
     * The state as stored, written straight to the generator rather than through a map: it is read
     * and written for every record, and a count_distinct set can hold thousands of values.
     */
    byte[] write() {
        return Json.writeWith(g -> {
            g.writeStartObject();
            for (Map.Entry<String, Function> e : columns.entrySet()) {
                Cell c = cells.get(e.getKey());
                g.writeObjectFieldStart(e.getKey());
                g.writeNumberField("n", c.n);
                switch (e.getValue()) {
                    case SUM, AVG -> {
                        g.writeNumberField("sum", c.sum);
                        g.writeNumberField("long", c.longSum);
                        g.writeBooleanField("decimal", c.decimal);
                    }
                    case MIN, MAX -> {
                        g.writeFieldName("v");
                        Json.writeValue(g, c.extreme);
                    }
                    case COUNT_DISTINCT -> {
                        g.writeArrayFieldStart("set");
                        if (c.distinct != null) {
                            for (String v : c.distinct) {
                                g.writeString(v);
                            }
                        }
                        g.writeEndArray();
                    }
                    default -> { }
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    /**
     * Reads what {@link #write()} wrote. A column or field it does not know is skipped, and a column
     * it misses starts empty, so adding or removing compute columns keeps the stored state usable.
     */
    static Accumulator read(Map<String, Function> columns, byte[] bytes) throws IOException {
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
                        throw new SerializationException("aggregate state on " + topic + " is not a JSON object", e);
                    }
                };
            }
        };
    }
}
