package dev.weir.engine.step;

import dev.weir.engine.compile.CompileContext;
import dev.weir.engine.compile.StreamStep;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.engine.metrics.StepMetrics;
import dev.weir.engine.record.Json;
import dev.weir.spec.model.StoreKind;
import dev.weir.spec.step.DedupeStep;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drops records whose dedupe key was seen within {@code within} of event time (the record
 * timestamp). A store per input partition maps each key to the latest event time it was seen at,
 * duplicates included, so a key that keeps repeating stays suppressed until it has been quiet for
 * {@code within}. Records out of order count as duplicates if they lie within {@code within} on
 * either side of the last sighting.
 * <p>
 * Keys are forgotten by a stream-time punctuation once stream time has moved more than
 * {@code within} past their last sighting, so a record arriving later than that behind stream time
 * can pass even if it repeats an old key. A record whose key evaluates to null has nothing to be
 * compared on and always passes; a key that cannot be evaluated sends the record to the dead-letter
 * topic (rule {@code key}).
 */
public final class DedupeStreamStep implements StreamStep {

    /** The least stream time between two sweeps of the store, so tiny windows do not scan it per record. */
    static final Duration MIN_SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final DedupeStep spec;

    public DedupeStreamStep(DedupeStep spec) {
        this.spec = spec;
    }

    /** The name of the store of last sightings for a dedupe step. */
    public static String storeName(String stepId) {
        return stepId + "-seen";
    }

    @Override
    public KStream<String, Map<String, Object>> apply(KStream<String, Map<String, Object>> in, CompileContext ctx) {
        String id = spec.id();
        String store = storeName(id);
        KeyValueBytesStoreSupplier supplier = ctx.storeKind(spec.store()) == StoreKind.MEMORY
                ? Stores.inMemoryKeyValueStore(store)
                : Stores.persistentKeyValueStore(store);
        ctx.builder().addStateStore(Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.Long()));
        CompiledExpression key = ctx.expressions().compile(spec.key());
        long within = spec.within().toMillis();
        StepMetrics metrics = ctx.metrics().step(id);
        return ctx.splitDeadLetters(
                in.process(() -> new Dedupe(id, store, key, within, metrics), Named.as(id), store), id);
    }

    private static final class Dedupe implements Processor<String, Map<String, Object>, String, Object> {
        private final String id;
        private final String storeName;
        private final CompiledExpression key;
        private final long within;
        private final StepMetrics metrics;
        private ProcessorContext<String, Object> context;
        private KeyValueStore<String, Long> seen;

        Dedupe(String id, String storeName, CompiledExpression key, long within, StepMetrics metrics) {
            this.id = id;
            this.storeName = storeName;
            this.key = key;
            this.within = within;
            this.metrics = metrics;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
            this.seen = context.getStateStore(storeName);
            Duration interval = Duration.ofMillis(Math.max(within, MIN_SWEEP_INTERVAL.toMillis()));
            context.schedule(interval, PunctuationType.STREAM_TIME, this::forgetBefore);
        }

        @Override
        public void process(Record<String, Map<String, Object>> record) {
            metrics.countIn();
            long ts = record.timestamp();
            String k;
            try {
                k = key.evalString(record.value(), RecordMeta.of(context, record.key(), ts));
            } catch (EvaluationFailure e) {
                context.forward(record.withValue(DeadLetters.of(context, id, "key", e.getMessage(),
                        Json.write(record.value()))));
                return;
            }
            if (k == null) {
                metrics.countOut();
                context.forward(record.withValue(record.value()));
                return;
            }
            Long last = seen.get(k);
            if (last != null && Math.abs(ts - last) <= within) {
                if (ts > last) {
                    seen.put(k, ts);
                }
                metrics.countFiltered();
                return;
            }
            if (last == null || ts > last) {
                seen.put(k, ts);
            }
            metrics.countOut();
            context.forward(record.withValue(record.value()));
        }

        /** Deletes keys last seen more than {@code within} before stream time. */
        private void forgetBefore(long streamTime) {
            long cutoff = streamTime - within;
            List<String> expired = new ArrayList<>();
            try (KeyValueIterator<String, Long> it = seen.all()) {
                while (it.hasNext()) {
                    KeyValue<String, Long> e = it.next();
                    if (e.value < cutoff) {
                        expired.add(e.key);
                    }
                }
            }
            expired.forEach(seen::delete);
        }
    }
}
