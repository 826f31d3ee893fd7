package dev.weir.engine.step;

import dev.weir.engine.compile.CompileContext;
import dev.weir.engine.compile.StreamStep;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.engine.metrics.StepMetrics;
import dev.weir.engine.record.Json;
import dev.weir.spec.step.RouteStep;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends each record to the first branch whose condition holds. One processor decides the branch
 * (so each condition is evaluated once); cheap filters on the decision then feed each topic.
 */
public final class RouteStreamStep implements StreamStep {

    /** The decision for one record: a branch index, or {@link #NO_BRANCH}. */
    record Routed(int branch, Map<String, Object> record) {
    }

    static final int NO_BRANCH = -1;

    private final RouteStep spec;

    public RouteStreamStep(RouteStep spec) {
        this.spec = spec;
    }

    @Override
    public KStream<String, Map<String, Object>> apply(KStream<String, Map<String, Object>> in, CompileContext ctx) {
        List<CompiledExpression> conditions = new ArrayList<>();
        for (RouteStep.Branch b : spec.branches()) {
            conditions.add(ctx.expressions().compile(b.when()));
        }
        String id = spec.id();
        StepMetrics metrics = ctx.metrics().step(id);
        KStream<String, Routed> routed = ctx.splitDeadLetters(
                in.process(() -> new Decide(id, conditions, metrics), Named.as(id + "-decide")), id);
        for (int i = 0; i < spec.branches().size(); i++) {
            int index = i;
            RouteStep.Branch b = spec.branches().get(i);
            KStream<String, Map<String, Object>> branch = routed
                    .filter((k, v) -> v.branch() == index, Named.as(id + "-branch-" + i))
                    .mapValues(v -> v.record(), Named.as(id + "-branch-" + i + "-unwrap"));
            ctx.sink(branch, b.to(), spec.format(), Optional.empty(), id + "-branch-" + i, b.pos());
        }
        if (spec.defaultTopic().isPresent()) {
            KStream<String, Map<String, Object>> rest = routed
                    .filter((k, v) -> v.branch() == NO_BRANCH, Named.as(id + "-default"))
                    .mapValues(v -> v.record(), Named.as(id + "-default-unwrap"));
            ctx.sink(rest, spec.defaultTopic().get(), spec.format(), Optional.empty(), id + "-default", spec.pos());
        }
        boolean defaultConsumes = spec.defaultTopic().isPresent();
        List<RouteStep.Branch> branches = spec.branches();
        return routed
                .filter((k, v) -> {
                    int b = v.branch();
                    return b == NO_BRANCH ? !defaultConsumes : branches.get(b).continueAfter();
                }, Named.as(id + "-continue"))
                .mapValues(v -> v.record(), Named.as(id + "-continue-unwrap"));
    }

    private static final class Decide implements Processor<String, Map<String, Object>, String, Object> {
        private final String id;
        private final List<CompiledExpression> conditions;
        private final StepMetrics metrics;
        private ProcessorContext<String, Object> context;

        Decide(String id, List<CompiledExpression> conditions, StepMetrics metrics) {
            this.id = id;
            this.conditions = conditions;
            this.metrics = metrics;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, Map<String, Object>> record) {
            metrics.countIn();
            RecordMeta meta = RecordMeta.of(context, record.key(), record.timestamp());
            int chosen = NO_BRANCH;
            for (int i = 0; i < conditions.size() && chosen == NO_BRANCH; i++) {
                try {
                    if (conditions.get(i).test(record.value(), meta)) {
                        chosen = i;
                    }
                } catch (EvaluationFailure e) {
                    context.forward(record.withValue(DeadLetters.of(context, id, "branch-" + i, e.getMessage(),
                            Json.write(record.value()))));
                    return;
                }
            }
            metrics.countOut();
            context.forward(record.withValue(new Routed(chosen, record.value())));
        }
    }
}
