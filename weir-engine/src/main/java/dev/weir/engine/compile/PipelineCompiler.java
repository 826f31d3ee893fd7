package dev.weir.engine.compile;

import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.ExpressionCompiler;
import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.engine.record.Decoded;
import dev.weir.engine.record.EventTimeExtractor;
import dev.weir.engine.record.ValueFormats;
import dev.weir.engine.schema.SchemaSource;
import dev.weir.engine.step.AggregateStreamStep;
import dev.weir.engine.step.DedupeStreamStep;
import dev.weir.engine.step.EnrichStreamStep;
import dev.weir.engine.step.FilterRecordStep;
import dev.weir.engine.step.JoinStreamStep;
import dev.weir.engine.step.MapRecordStep;
import dev.weir.engine.step.MaskRecordStep;
import dev.weir.engine.step.RecordStep;
import dev.weir.engine.step.RouteStreamStep;
import dev.weir.engine.step.StepChainProcessor;
import dev.weir.engine.step.ValidateRecordStep;
import dev.weir.spec.Diagnostics;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Source;
import dev.weir.spec.step.AggregateStep;
import dev.weir.spec.step.DedupeStep;
import dev.weir.spec.step.EnrichStep;
import dev.weir.spec.step.FilterStep;
import dev.weir.spec.step.JoinStep;
import dev.weir.spec.step.MapStep;
import dev.weir.spec.step.MaskStep;
import dev.weir.spec.step.RouteStep;
import dev.weir.spec.step.Step;
import dev.weir.spec.step.ValidateStep;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.TopologyException;
import dev.weir.spec.SpecException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles a {@link Pipeline} into a Kafka Streams topology. Records are decoded once at the
 * source and encoded once at each sink; runs of record steps are fused into one processor.
 */
public final class PipelineCompiler {

    /**
     * Window retention when compiled for tests. Kafka Streams emits final window results by
     * walking its window cache segment by segment from the last emission; a fresh application
     * starts that walk at epoch 0, which for one-minute windows in this century takes seconds. In
     * production that happens once (the position is committed); a test starts fresh every case.
     * Longer retention means longer segments and a short walk, and does not change any result.
     */
    static final Duration TEST_WINDOW_RETENTION = Duration.ofDays(7);

    private final ExpressionCompiler expressions = new ExpressionCompiler();
    private final ValueFormats formats;
    private final boolean forTests;

    /** A compiler for projects whose topics use only json and string. */
    public PipelineCompiler() {
        this(Optional.empty());
    }

    /** A compiler whose avro, json-schema and protobuf topics use {@code registry}. */
    public PipelineCompiler(Optional<SchemaSource> registry) {
        this(registry, false);
    }

    private PipelineCompiler(Optional<SchemaSource> registry, boolean forTests) {
        this.formats = new ValueFormats(registry);
        this.forTests = forTests;
    }

    /**
     * A compiler for topologies that run on test drivers, a fresh application per test case:
     * state is kept in memory and window stores keep windows longer. Neither changes a result.
     * Registry formats use {@code registry} (an in-memory one in tests).
     */
    public static PipelineCompiler forTests(Optional<SchemaSource> registry) {
        return new PipelineCompiler(registry, true);
    }

    /** {@link #forTests(Optional)} with a registry in memory. */
    public static PipelineCompiler forTests() {
        return forTests(Optional.of(new dev.weir.engine.schema.InMemorySchemas()));
    }

    public static String applicationId(Project project, Pipeline pipeline) {
        return "weir-" + project.name() + "-" + pipeline.name();
    }

    /** Compiles every pipeline, reporting all mistakes (e.g. invalid expressions) at once. */
    public List<CompiledPipeline> compileAll(Project project) {
        Diagnostics diagnostics = new Diagnostics();
        List<CompiledPipeline> out = new ArrayList<>();
        for (Pipeline p : project.pipelines()) {
            diagnostics.collect(() -> out.add(compile(project, p)));
        }
        diagnostics.throwIfErrors();
        return out;
    }

    public CompiledPipeline compile(Project project, Pipeline pipeline) {
        try {
            return build(project, pipeline);
        } catch (TopologyException e) {
            // e.g. one topic read twice (as source and as enrich table): a mistake in the project, not a crash.
            throw SpecException.at(pipeline.pos(), "pipeline '" + pipeline.name() + "' cannot be built: "
                    + e.getMessage().replaceFirst("^Invalid topology: ", ""));
        }
    }

    private CompiledPipeline build(Project project, Pipeline pipeline) {
        StreamsBuilder builder = new StreamsBuilder();
        PipelineMetrics metrics = new PipelineMetrics(pipeline.name());
        CompileContext ctx = new CompileContext(builder, project, pipeline, expressions, formats, metrics, forTests);

        Source source = pipeline.source();
        Serde<Decoded> decoded = Serdes.serdeFrom((t, d) -> {
            throw new UnsupportedOperationException("source serde only deserializes");
        }, formats.deserializer(source.format(), source.pos()));
        Consumed<String, Decoded> consumed = Consumed.with(Serdes.String(), decoded).withName("source");
        if (source.timestamp().isPresent()) {
            consumed = consumed.withTimestampExtractor(new EventTimeExtractor(expressions.compile(source.timestamp().get())));
        }
        source.topics().forEach(ctx::readsFrom);
        // Casts between stream types are unchecked, not mapValues nodes: a node costs a hop and a copy of the record.
        @SuppressWarnings("unchecked")
        KStream<String, Object> head = (KStream<String, Object>) (KStream<String, ?>) builder.stream(source.topics(), consumed);
        Optional<CompiledExpression> key = source.key().map(expressions::compile);

        // Every step is listed in the metrics, in order, before any record arrives.
        pipeline.steps().forEach(step -> metrics.step(step.id()));
        List<RecordStep> pending = new ArrayList<>();
        KStream<String, Map<String, Object>> current = null;
        int chain = 0;
        for (Step step : pipeline.steps()) {
            Optional<RecordStep> recordStep = recordStep(step);
            if (recordStep.isPresent()) {
                pending.add(recordStep.get());
                continue;
            }
            current = chain(ctx, current, head, key, pending, chain++);
            pending.clear();
            current = streamStep(step).apply(current, ctx);
        }
        current = chain(ctx, current, head, key, pending, chain);
        if (pipeline.sink().isPresent()) {
            var sink = pipeline.sink().get();
            ctx.sink(current, sink.topic(), sink.format(), sink.key().map(expressions::compile), "sink", sink.pos());
        }
        ctx.finish();
        return new CompiledPipeline(pipeline, applicationId(project, pipeline), builder.build(),
                java.util.Set.copyOf(ctx.inputTopics()), java.util.Set.copyOf(ctx.outputTopics()), metrics);
    }

    /** Runs pending record steps; the first chain also takes the source (decoding failures, key). */
    @SuppressWarnings("unchecked")
    private static KStream<String, Map<String, Object>> chain(CompileContext ctx, KStream<String, Map<String, Object>> current,
                                                              KStream<String, Object> head, Optional<CompiledExpression> key,
                                                              List<RecordStep> steps, int index) {
        if (current != null && steps.isEmpty()) {
            return current;
        }
        List<RecordStep> copy = List.copyOf(steps);
        String name = current == null ? "steps" : "steps-" + index;
        KStream<String, Object> input = current == null ? head : (KStream<String, Object>) (KStream<String, ?>) current;
        Optional<CompiledExpression> sourceKey = current == null ? key : Optional.empty();
        KStream<String, Object> processed = input.process(
                () -> new StepChainProcessor(copy, sourceKey, ctx.metrics()), Named.as(name));
        return ctx.splitDeadLetters(processed, name);
    }

    private Optional<RecordStep> recordStep(Step step) {
        if (step instanceof FilterStep s) {
            return Optional.of(new FilterRecordStep(s, expressions));
        }
        if (step instanceof MapStep s) {
            return Optional.of(new MapRecordStep(s, expressions));
        }
        if (step instanceof MaskStep s) {
            return Optional.of(new MaskRecordStep(s));
        }
        if (step instanceof ValidateStep s) {
            return Optional.of(new ValidateRecordStep(s, expressions));
        }
        return Optional.empty();
    }

    private static StreamStep streamStep(Step step) {
        if (step instanceof RouteStep s) {
            return new RouteStreamStep(s);
        }
        if (step instanceof DedupeStep s) {
            return new DedupeStreamStep(s);
        }
        if (step instanceof EnrichStep s) {
            return new EnrichStreamStep(s);
        }
        if (step instanceof JoinStep s) {
            return new JoinStreamStep(s);
        }
        if (step instanceof AggregateStep s) {
            return new AggregateStreamStep(s);
        }
        throw new IllegalStateException("no compiler for step type " + step.type());
    }
}
