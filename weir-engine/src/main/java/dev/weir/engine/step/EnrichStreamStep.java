package dev.weir.engine.step;

import dev.weir.engine.compile.CompileContext;
import dev.weir.engine.compile.StreamStep;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.engine.metrics.StepMetrics;
import dev.weir.engine.record.Decoded;
import dev.weir.engine.record.Json;
import dev.weir.engine.record.ValueFormat;
import dev.weir.engine.record.WithField;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Topic;
import dev.weir.spec.step.EnrichStep;
import dev.weir.spec.step.JoinType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Looks each record up in a table topic, read in full on every instance as a global table, and
 * puts the row in field {@code as}. The record keeps its key.
 * <p>
 * With {@code join: left} a record without a row, or whose lookup key evaluates to null, goes on
 * with {@code as} set to null; with {@code join: inner} it is dropped and counted as filtered. A
 * lookup key that cannot be evaluated sends the record to the dead-letter topic (rule {@code key}).
 * A table row that cannot be decoded in the table's format counts as no row (a warning is logged)
 * rather than stopping the application; a tombstone deletes the row. Steps that enrich from the
 * same table share one global table, whose store is named after the table topic.
 */
public final class EnrichStreamStep implements StreamStep {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichStreamStep.class);

    /** Undecodable table rows are logged the first time and then once per this many. */
    static final long WARN_EVERY = 1000;

    private final EnrichStep spec;

    public EnrichStreamStep(EnrichStep spec) {
        this.spec = spec;
    }

    /** The name of the global store holding a table topic's rows. */
    public static String storeName(String table) {
        return table + "-table";
    }

    @Override
    public KStream<String, Map<String, Object>> apply(KStream<String, Map<String, Object>> in, CompileContext ctx) {
        String id = spec.id();
        Topic topic = ctx.project().topic(spec.table()).orElseThrow(() -> SpecException.at(spec.pos(),
                "enrich table '" + spec.table() + "' is not a declared topic",
                "declare it in topics/: kind: Topic, metadata: { name: " + spec.table()
                        + " }, spec: { config: { cleanup.policy: compact } }"));
        ctx.shared("enrich-table:" + topic.name(), () -> globalTable(ctx, topic));
        TableRowDeserializer rows = new TableRowDeserializer(ctx.formats().reader(topic.format(), spec.pos()));
        ctx.readsFrom(topic.name());

        CompiledExpression key = ctx.expressions().compile(spec.key());
        boolean inner = spec.join() == JoinType.INNER;
        StepMetrics metrics = ctx.metrics().step(id);
        String table = topic.name();
        return ctx.splitDeadLetters(in.process(() -> new Lookup(id, key, table, rows, spec.as(), inner, metrics),
                Named.as(id + "-join")), id + "-join");
    }

    /** The table's rows as they are on the topic, decoded at lookup: the store never re-encodes a row. */
    private static GlobalKTable<String, byte[]> globalTable(CompileContext ctx, Topic topic) {
        String name = topic.name();
        return ctx.builder().globalTable(name,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(storeName(name) + "-source"),
                Materialized.as(storeName(name)));
    }

    /** Decodes table rows; a row that cannot be decoded is logged and read as absent. */
    static final class TableRowDeserializer implements Deserializer<Map<String, Object>> {
        private final ValueFormat format;
        private final AtomicLong bad = new AtomicLong();

        TableRowDeserializer(ValueFormat format) {
            this.format = format;
        }

        @Override
        public Map<String, Object> deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            Decoded d = format.decode(data);
            if (d.isOk()) {
                return d.fields();
            }
            long n = bad.incrementAndGet();
            if (n == 1 || n % WARN_EVERY == 0) {
                LOG.warn("Table {}: a row cannot be decoded and is treated as absent ({}); {} such row(s) so far",
                        topic, d.error(), n);
            }
            return null;
        }
    }

    /**
     * Evaluates the lookup key, reads the row from the global store and adds it, in one processor:
     * a global store can be read from any processor, so the lookup needs neither a key-selecting
     * node nor the DSL's join node between it and the store.
     */
    private static final class Lookup implements Processor<String, Map<String, Object>, String, Object> {
        private final String id;
        private final CompiledExpression key;
        private final String table;
        private final TableRowDeserializer rows;
        private final String as;
        private final boolean inner;
        private final StepMetrics metrics;
        private ProcessorContext<String, Object> context;
        private ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> store;

        Lookup(String id, CompiledExpression key, String table, TableRowDeserializer rows, String as, boolean inner,
               StepMetrics metrics) {
            this.id = id;
            this.key = key;
            this.table = table;
            this.rows = rows;
            this.as = as;
            this.inner = inner;
            this.metrics = metrics;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
            this.store = context.getStateStore(storeName(table));
        }

        @Override
        public void process(Record<String, Map<String, Object>> record) {
            metrics.countIn();
            String k;
            try {
                k = key.evalString(record.value(), RecordMeta.of(context, record.key(), record.timestamp()));
            } catch (EvaluationFailure e) {
                context.forward(record.withValue(DeadLetters.of(context, id, "key", e.getMessage(),
                        Json.write(record.value()))));
                return;
            }
            ValueAndTimestamp<byte[]> stored = k == null ? null : store.get(k);
            Map<String, Object> row = stored == null ? null : rows.deserialize(table, stored.value());
            if (row == null && inner) {
                metrics.countFiltered();
                return;
            }
            // The record may have gone to other branches as well: it is not changed, the joined
            // record is a view of it with the row added (steps that change records copy first).
            metrics.countOut();
            context.forward(record.withValue(new WithField(record.value(), as, row)));
        }
    }
}
