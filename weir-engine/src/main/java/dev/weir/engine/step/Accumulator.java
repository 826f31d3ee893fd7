package dev.weir.engine.step;

import dev.weir.engine.record.Json;
import dev.weir.spec.step.AggregateStep.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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

    // ---- storage: a JSON object, one entry per column holding only the fields its function uses

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        columns.forEach((column, fn) -> {
            Cell c = cells.get(column);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", c.n);
            switch (fn) {
                case SUM, AVG -> {
                    m.put("sum", c.sum);
                    m.put("long", c.longSum);
                    m.put("decimal", c.decimal);
                }
                case MIN, MAX -> m.put("v", c.extreme);
                case COUNT_DISTINCT -> m.put("set", c.distinct == null ? List.of() : c.distinct);
                default -> { }
            }
            out.put(column, m);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    static Accumulator fromJson(Map<String, Function> columns, Map<String, Object> json) {
        Accumulator acc = new Accumulator(columns);
        acc.cells.forEach((column, c) -> {
            if (!(json.get(column) instanceof Map<?, ?> raw)) {
                return;
            }
            Map<String, Object> m = (Map<String, Object>) raw;
            c.n = m.get("n") instanceof Number x ? x.longValue() : 0;
            c.sum = m.get("sum") instanceof Number x ? x.doubleValue() : 0;
            c.longSum = m.get("long") instanceof Number x ? x.longValue() : 0;
            c.decimal = Boolean.TRUE.equals(m.get("decimal"));
            c.extreme = m.get("v") instanceof Number x ? x : null;
            if (m.get("set") instanceof List<?> set && !set.isEmpty()) {
                List<String> values = new ArrayList<>(set.size());
                set.forEach(v -> values.add(String.valueOf(v)));
                c.distinct = new HashSet<>(values);
            }
        });
        return acc;
    }

    /** A serde for accumulators of {@code columns}, for state stores and their changelogs. */
    static Serde<Accumulator> serde(Map<String, Function> columns) {
        return new Serde<>() {
            @Override
            public Serializer<Accumulator> serializer() {
                return (topic, acc) -> acc == null ? null : Json.write(acc.toJson());
            }

            @Override
            public Deserializer<Accumulator> deserializer() {
                return (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    try {
                        return fromJson(columns, Json.parseObject(bytes));
                    } catch (IOException e) {
                        throw new SerializationException("aggregate state on " + topic + " is not a JSON object", e);
                    }
                };
            }
        };
    }
}
