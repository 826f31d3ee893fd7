package dev.weir.engine.step;

import dev.weir.engine.compile.CompileContext;
import dev.weir.engine.compile.StreamStep;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.engine.metrics.StepMetrics;
import dev.weir.engine.record.Decoded;
import dev.weir.engine.record.Json;
import dev.weir.engine.record.MapSerde;
import dev.weir.spec.model.StoreKind;
import dev.weir.spec.step.JoinStep;
import dev.weir.spec.step.JoinType;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.ValueJoiner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Joins the stream with the records of another topic whose event times lie within
 * {@code within} of each other (plus {@code grace} for records that arrive out of order). Both
 * sides are re-keyed by their key expressions and repartitioned, so the result is keyed by the
 * join key. The other topic's records carry their own timestamps; they count as records in.
 * <p>
 * The result is this record plus field {@code as} holding the other record, or null when there
 * was none (left and outer joins); an outer join emits an other record without a match as
 * {@code {as: other}}. Kafka Streams emits records without a match only once their window has
 * closed, i.e. when stream time has passed their time plus {@code within} plus {@code grace}.
 * <p>
 * A key that evaluates to null cannot match: with {@code join: inner} the record is dropped and
 * counted as filtered; with left and outer joins a record of this stream goes on without a match,
 * and so does a record of the other topic in an outer join (otherwise it is dropped and counted as
 * filtered). A key that cannot be evaluated, or an other record that cannot be decoded, goes to the
 * dead-letter topic (rules {@code key}, {@code otherKey}, {@code decode}).
 * <p>
 * Repartition topics, window stores and processors are named after the step, e.g.
 * {@code <step>-left-repartition} and {@code <step>-this-join-store}, so they stay the same as
 * long as the step's name and join type do.
 */
public final class JoinStreamStep implements StreamStep {

    private final JoinStep spec;

    public JoinStreamStep(JoinStep spec) {
        this.spec = spec;
    }

    @Override
    public KStream<String, Map<String, Object>> apply(KStream<String, Map<String, Object>> in, CompileContext ctx) {
        String id = spec.id();
        JoinType type = spec.join();
        PipelineMetrics metrics = ctx.metrics();
        StepMetrics step = metrics.step(id);
        CompiledExpression key = ctx.expressions().compile(spec.key());
        CompiledExpression otherKey = ctx.expressions().compile(spec.otherKey());
        boolean keepNullThis = type != JoinType.INNER;
        boolean keepNullOther = type == JoinType.OUTER;

        KStream<String, Map<String, Object>> self = ctx.splitDeadLetters(in.process(
                () -> new JoinKey<>(id, "key", key, keepNullThis, metrics, step), Named.as(id + "-key")), id + "-key");

        ctx.readsFrom(spec.topic());
        Serde<Decoded> decoded = Serdes.serdeFrom((t, d) -> {
            throw new UnsupportedOperationException("join source serde only deserializes");
        }, ctx.formats().deserializer(spec.format(), spec.pos()));
        KStream<String, Decoded> otherSource = ctx.builder().stream(spec.topic(),
                Consumed.with(Serdes.String(), decoded).withName(id + "-source"));
        KStream<String, Map<String, Object>> other = ctx.splitDeadLetters(otherSource.process(
                () -> new JoinKey<>(id, "otherKey", otherKey, keepNullOther, metrics, step), Named.as(id + "-other-key")),
                id + "-other-key");

        String as = spec.as();
        ValueJoiner<Map<String, Object>, Map<String, Object>, Map<String, Object>> joiner = (mine, theirs) -> {
            Map<String, Object> out = mine == null ? new LinkedHashMap<>() : new LinkedHashMap<>(mine);
            out.put(as, theirs);
            step.countOut();
            return out;
        };
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(spec.within(), spec.grace());
        StreamJoined<String, Map<String, Object>, Map<String, Object>> joined =
                StreamJoined.with(Serdes.String(), MapSerde.INSTANCE, MapSerde.INSTANCE)
                        .withName(id).withStoreName(id);
        if (ctx.storeKind(spec.store()) == StoreKind.MEMORY) {
            joined = joined.withDslStoreSuppliers(BuiltInDslStoreSuppliers.IN_MEMORY);
        }
        return switch (type) {
            case INNER -> self.join(other, joiner, windows, joined);
            case LEFT -> self.leftJoin(other, joiner, windows, joined);
            case OUTER -> self.outerJoin(other, joiner, windows, joined);
        };
    }

    /**
     * Re-keys one side of the join by its key expression. Takes records of this stream (maps) or
     * of the other topic (decoded values, which may have failed to decode).
     */
    private static final class JoinKey<V> implements Processor<String, V, String, Object> {
        private final String id;
        private final String rule;
        private final CompiledExpression key;
        private final boolean keepNull;
        private final PipelineMetrics metrics;
        private final StepMetrics step;
        private ProcessorContext<String, Object> context;

        JoinKey(String id, String rule, CompiledExpression key, boolean keepNull, PipelineMetrics metrics, StepMetrics step) {
            this.id = id;
            this.rule = rule;
            this.key = key;
            this.keepNull = keepNull;
            this.metrics = metrics;
            this.step = step;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void process(Record<String, V> record) {
            Map<String, Object> fields;
            byte[] payload = null;
            if (record.value() instanceof Decoded d) {
                metrics.recordIn(context.recordMetadata().map(m -> m.topic()).orElse("unknown"));
                if (!d.isOk()) {
                    context.forward(record.withValue(DeadLetters.of(context, id, "decode", d.error(), d.raw())));
                    return;
                }
                fields = d.fields();
                payload = d.raw();
            } else {
                step.countIn();
                fields = (Map<String, Object>) record.value();
            }
            String k;
            try {
                k = key.evalString(fields, RecordMeta.of(context, record.key(), record.timestamp()));
            } catch (EvaluationFailure e) {
                context.forward(record.withValue(DeadLetters.of(context, id, rule, e.getMessage(),
                        payload != null ? payload : Json.write(fields))));
                return;
            }
            if (k == null && !keepNull) {
                step.countFiltered();
                return;
            }
            context.forward(record.withKey(k).withValue(fields));
        }
    }
}
