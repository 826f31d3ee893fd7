package dev.weir.engine.step;

import dev.weir.engine.compile.CompileContext;
import dev.weir.engine.compile.StreamStep;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.metrics.StepMetrics;
import dev.weir.engine.record.MapSerde;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.StoreKind;
import dev.weir.spec.step.AggregateStep;
import dev.weir.spec.step.AggregateStep.Emit;
import dev.weir.spec.step.AggregateStep.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Aggregator;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Initializer;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.SessionWindowedKStream;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.TimeWindowedKStream;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code aggregate} step: groups records by an expression and computes functions per group,
 * optionally per event-time window.
 *
 * <h2>Topology</h2>
 * {@code <id>-arguments} evaluates the group key and every function argument first
 * ({@link AggregateArguments}), so a bad record becomes a dead letter instead of failing inside
 * the aggregation; the stream is then repartitioned by the group key ({@code <id>-by-key}) and
 * aggregated into the store {@code <id>-store} (RocksDB, or in memory with {@code store: memory}).
 * These names become internal topic names, so they derive from the step's name only.
 *
 * <h2>Results</h2>
 * Keyed by the group key. The value holds, in this order:
 * <ul>
 * <li>the group key as a string, named after {@code groupBy} when that is a plain field name
 *     (e.g. {@code merchant_id}), else {@code key};</li>
 * <li>for windowed aggregates, {@code window_start} and {@code window_end} as ISO-8601 UTC
 *     instants. A time window covers [start, end); a session window runs from its first to its
 *     last record's time, both included;</li>
 * <li>each {@code compute} column: {@code count()} a long; {@code sum} a long when every value
 *     was an integer (and the sum fits a long), else a double; {@code avg} a double; {@code min}
 *     and {@code max} the number as it came in (long or double); {@code count_distinct} a long.
 *     Null arguments are skipped, as in SQL, so {@code sum}, {@code avg}, {@code min} and
 *     {@code max} of a group that only saw nulls are null.</li>
 * </ul>
 * {@code count_distinct} is exact: the state keeps the text of every distinct value (strings as
 * they are, other values as JSON, so {@code 1} and {@code "1"} count once, {@code 1} and
 * {@code 1.0} twice) per group and window. Memory, store and changelog grow with the number of
 * distinct values; that is fine for thousands per group, not for millions.
 *
 * <h2>Emitting</h2>
 * {@code emit: updates} sends a result for every record (record caching is off for the store,
 * so updates are not coalesced). When session windows merge, Kafka Streams deletes the merged
 * sessions; those deletions are not sent on, only the merged session's new result.
 * <p>
 * {@code emit: final} sends one result per window, once stream time has passed the window's end
 * plus grace. It uses {@link EmitStrategy#onWindowClose()} rather than
 * {@code suppress(untilWindowCloses(unbounded()))}: suppression keeps a second, in-memory copy of
 * every open window (including count_distinct sets) in a buffer with its own changelog, whatever
 * {@code store} says, while the emit strategy reads closed windows straight from the window
 * store. The price: Kafka Streams checks for closed windows at most once per second of wall-clock
 * time, so a final result can wait for the next record processed after that second.
 * <p>
 * Records later than the grace period are dropped by Kafka Streams (and counted in its
 * {@code dropped-records} metric). For sessions this also means an out-of-order record only
 * joins, or bridges, sessions that stream time has not yet left behind by more than gap + grace.
 */
public final class AggregateStreamStep implements StreamStep {

    /** How long closed windows stay in the store after they close, for emit: final. */
    static final Duration FINAL_RESULT_MARGIN = Duration.ofDays(1);

    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    static final String DEFAULT_GROUP_FIELD = "key";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> NOT_FIELDS = Set.of(CompiledExpression.RECORD_VAR, CompiledExpression.META_VAR,
            "true", "false", "null");

    private final AggregateStep spec;

    public AggregateStreamStep(AggregateStep spec) {
        this.spec = spec;
    }

    /** The name of the group key in results: the field {@code groupBy} names, or {@code key}. */
    public static String groupField(String groupBy) {
        String g = groupBy.trim();
        return IDENTIFIER.matcher(g).matches() && !NOT_FIELDS.contains(g) ? g : DEFAULT_GROUP_FIELD;
    }

    @Override
    public KStream<String, Map<String, Object>> apply(KStream<String, Map<String, Object>> in, CompileContext ctx) {
        String id = spec.id();
        String groupField = groupField(spec.groupBy().text());
        Set<String> taken = spec.window().isPresent() ? Set.of(groupField, WINDOW_START, WINDOW_END) : Set.of(groupField);
        Map<String, Function> columns = new LinkedHashMap<>();
        List<AggregateArguments.Argument> arguments = new ArrayList<>();
        spec.compute().forEach((column, aggregation) -> {
            if (taken.contains(column)) {
                throw SpecException.at(aggregation.pos(), "compute column '" + column
                        + "' clashes with the field of that name every result has", "give the column another name");
            }
            columns.put(column, aggregation.function());
            aggregation.argument().ifPresent(expr -> arguments.add(
                    new AggregateArguments.Argument(column, aggregation.function(), ctx.expressions().compile(expr))));
        });
        Map<String, Function> cols = Collections.unmodifiableMap(columns);
        CompiledExpression groupBy = ctx.expressions().compile(spec.groupBy());

        StepMetrics metrics = ctx.metrics().step(id);
        KStream<String, Map<String, Object>> prepared = ctx.splitDeadLetters(
                in.process(() -> new AggregateArguments(id, groupBy, arguments, metrics), Named.as(id + "-arguments")),
                id + "-arguments");
        KGroupedStream<String, Map<String, Object>> grouped = prepared.groupByKey(
                Grouped.with(Serdes.String(), MapSerde.INSTANCE).withName(id + "-by-key"));
        Initializer<Accumulator> init = () -> new Accumulator(cols);
        Aggregator<String, Map<String, Object>, Accumulator> add = (key, args, acc) -> acc.add(args);

        KStream<String, Map<String, Object>> results;
        if (spec.window().isEmpty()) {
            results = grouped.aggregate(init, add, Named.as(id + "-aggregate"), materialized(cols, ctx))
                    .toStream(Named.as(id + "-changes"))
                    .mapValues((key, acc) -> {
                        metrics.countOut();
                        return result(groupField, key, null, acc);
                    }, Named.as(id + "-result"));
        } else {
            results = windowResults(windowed(grouped, spec.window().get(), init, add, cols, ctx), groupField, metrics);
        }
        if (spec.to().isPresent()) {
            ctx.sink(results, spec.to().get(), spec.format(), Optional.empty(), id + "-results", spec.pos());
            return in;
        }
        return results;
    }

    private KTable<Windowed<String>, Accumulator> windowed(KGroupedStream<String, Map<String, Object>> grouped,
                                                           AggregateStep.Window window, Initializer<Accumulator> init,
                                                           Aggregator<String, Map<String, Object>, Accumulator> add,
                                                           Map<String, Function> cols, CompileContext ctx) {
        Named named = Named.as(spec.id() + "-aggregate");
        if (window instanceof AggregateStep.Session s) {
            SessionWindowedKStream<String, Map<String, Object>> sessions =
                    grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(s.gap(), s.grace()));
            if (spec.emit() == Emit.FINAL) {
                sessions = sessions.emitStrategy(EmitStrategy.onWindowClose());
            }
            return sessions.aggregate(init, add, (key, a, b) -> a.merge(b), named,
                    retained(materialized(cols, ctx), ctx, s.gap().plus(s.grace())));
        }
        TimeWindows windows;
        if (window instanceof AggregateStep.Hopping h) {
            windows = TimeWindows.ofSizeAndGrace(h.size(), h.grace()).advanceBy(h.advance());
        } else {
            AggregateStep.Tumbling t = (AggregateStep.Tumbling) window;
            windows = TimeWindows.ofSizeAndGrace(t.size(), t.grace());
        }
        TimeWindowedKStream<String, Map<String, Object>> timed = grouped.windowedBy(windows);
        if (spec.emit() == Emit.FINAL) {
            timed = timed.emitStrategy(EmitStrategy.onWindowClose());
        }
        return timed.aggregate(init, add, named, retained(materialized(cols, ctx), ctx,
                Duration.ofMillis(windows.size() + windows.gracePeriodMs())));
    }

    private KStream<String, Map<String, Object>> windowResults(KTable<Windowed<String>, Accumulator> table, String groupField,
                                                               StepMetrics metrics) {
        String id = spec.id();
        return table.toStream(Named.as(id + "-changes"))
                // merged-away session windows arrive as deletions (null); results only carry live windows
                .filter((key, acc) -> acc != null, Named.as(id + "-live"))
                .map((key, acc) -> {
                    metrics.countOut();
                    return KeyValue.pair(key.key(), result(groupField, key.key(), key.window(), acc));
                }, Named.as(id + "-result"));
    }

    /** The store: named after the step, of the kind the spec asks for, with explicit serdes. */
    private <S extends StateStore> Materialized<String, Accumulator, S> materialized(Map<String, Function> cols,
                                                                                    CompileContext ctx) {
        Materialized<String, Accumulator, S> m = Materialized.<String, Accumulator, S>as(spec.id() + "-store")
                .withKeySerde(Serdes.String())
                .withValueSerde(Accumulator.serde(cols))
                .withStoreType(ctx.storeKind(spec.store()) == StoreKind.MEMORY ? Materialized.StoreType.IN_MEMORY
                        : Materialized.StoreType.ROCKS_DB);
        // updates: every record must produce a result, so the cache may not coalesce them
        return spec.emit() == Emit.UPDATES ? m.withCachingDisabled() : m;
    }

    /**
     * Window stores keep windows for their size plus grace, unless the compiler asks for longer. With
     * emit: final, closed windows are read back from the store to be emitted; when stream time jumps
     * (a quiet night, then a record) the store could drop them before their result is out, so they
     * are kept a day longer.
     * <p>
     * The margin has a second use. A task's first search for closed windows starts at time 0 and
     * walks Kafka Streams' record cache one store segment (half the retention) at a time: with an
     * hour's margin that is about 800,000 empty segments, a quarter of a second per task at the
     * first start; with a day's, about 40,000. The price is local disk: closed windows stay in
     * the store for a day or so, and the changelog keeps them for its usual extra day.
     */
    private <S extends StateStore> Materialized<String, Accumulator, S> retained(
            Materialized<String, Accumulator, S> m, CompileContext ctx, Duration required) {
        Optional<Duration> forTests = ctx.windowRetention(required);
        if (forTests.isPresent()) {
            return m.withRetention(forTests.get());
        }
        return spec.emit() == Emit.FINAL ? m.withRetention(required.plus(FINAL_RESULT_MARGIN)) : m;
    }

    private static Map<String, Object> result(String groupField, String key, Window window, Accumulator acc) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(groupField, key);
        if (window != null) {
            out.put(WINDOW_START, Instant.ofEpochMilli(window.start()).toString());
            out.put(WINDOW_END, Instant.ofEpochMilli(window.end()).toString());
        }
        out.putAll(acc.results());
        return out;
    }
}
