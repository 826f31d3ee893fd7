package dev.weir.engine.compile;

import dev.weir.engine.deadletter.DeadLetter;
import dev.weir.engine.deadletter.DeadLetterWriter;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.ExpressionCompiler;
import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.engine.metrics.SinkMetrics;
import dev.weir.engine.record.EncodeProcessor;
import dev.weir.engine.record.ValueFormat;
import dev.weir.engine.record.ValueFormats;
import dev.weir.spec.Position;
import dev.weir.spec.model.Topic;
import dev.weir.spec.model.Format;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.StoreKind;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** What steps share while one pipeline is compiled: the builder, expressions, metrics, and the dead-letter outlet. */
public final class CompileContext {

    private final StreamsBuilder builder;
    private final Project project;
    private final Pipeline pipeline;
    private final ExpressionCompiler expressions;
    private final ValueFormats formats;
    private final PipelineMetrics metrics;
    private final boolean forTests;
    /** Each dead-letter stream, by the name of the node it splits from. */
    private final Map<String, KStream<String, DeadLetter>> deadLetters = new LinkedHashMap<>();
    private final Set<String> inputTopics = new LinkedHashSet<>();
    private final Set<String> outputTopics = new LinkedHashSet<>();
    private final Map<String, Object> shared = new HashMap<>();

    CompileContext(StreamsBuilder builder, Project project, Pipeline pipeline, ExpressionCompiler expressions,
                   ValueFormats formats, PipelineMetrics metrics, boolean forTests) {
        this.formats = formats;
        this.builder = builder;
        this.project = project;
        this.pipeline = pipeline;
        this.expressions = expressions;
        this.metrics = metrics;
        this.forTests = forTests;
    }

    public StreamsBuilder builder() {
        return builder;
    }

    public Project project() {
        return project;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public ExpressionCompiler expressions() {
        return expressions;
    }

    /** Readers and writers of topic values, with the project's schema registry. */
    public ValueFormats formats() {
        return formats;
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    /**
     * The store a stateful step keeps its state in: the one it asks for, or memory when compiled
     * for tests, where every case starts from empty state and opening RocksDB would cost more than the case.
     */
    public StoreKind storeKind(StoreKind requested) {
        return forTests ? StoreKind.MEMORY : requested;
    }

    /**
     * How long a window store keeps windows that need {@code required} (size plus grace): empty
     * for Kafka Streams' default, which is just that; longer when compiled for tests (see
     * {@link PipelineCompiler#TEST_WINDOW_RETENTION}).
     */
    public Optional<Duration> windowRetention(Duration required) {
        Duration minimum = PipelineCompiler.TEST_WINDOW_RETENTION;
        return forTests && required.compareTo(minimum) < 0 ? Optional.of(minimum) : Optional.empty();
    }

    /** Records a topic the pipeline reads, so it can be created before the pipeline starts. */
    public void readsFrom(String topic) {
        inputTopics.add(topic);
    }

    /**
     * One object per key for the whole pipeline, created on first use: e.g. a table several steps
     * look up, since a topology can read a topic only once.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Supplier<T> create) {
        Object existing = shared.get(key);
        if (existing == null) {
            existing = create.get();
            shared.put(key, existing);
        }
        return (T) existing;
    }

    Set<String> inputTopics() {
        return inputTopics;
    }

    Set<String> outputTopics() {
        return outputTopics;
    }

    /**
     * Splits a stream of processed records from dead letters: dead letters go to the pipeline's
     * dead-letter topic, the records go on. The branches are cast, not mapped: a mapValues node
     * would cost every record a hop and a copy.
     */
    @SuppressWarnings("unchecked")
    public <V> KStream<String, V> splitDeadLetters(KStream<String, Object> mixed, String name) {
        Map<String, KStream<String, Object>> branches = mixed.split(Named.as(name + "-"))
                .branch((k, v) -> v instanceof DeadLetter, Branched.as("dead"))
                .defaultBranch(Branched.as("ok"));
        deadLetters.put(name, (KStream<String, DeadLetter>) (KStream<String, ?>) branches.get(name + "-dead"));
        return (KStream<String, V>) (KStream<String, ?>) branches.get(name + "-ok");
    }

    /**
     * Writes records to a topic in a format, optionally re-keyed by an expression, and counts them
     * as output. Records are encoded in a processor first: one that does not fit the topic's
     * schema is dead-lettered. {@code where} is the sink, branch or step that names the topic.
     */
    public void sink(KStream<String, Map<String, Object>> stream, String topic, Format format,
                     Optional<CompiledExpression> key, String name, Position where) {
        outputTopics.add(topic);
        ValueFormat writer = formats.writer(format, topic, project.topic(topic).flatMap(Topic::schema), where);
        KStream<String, Map<String, Object>> keyed = stream;
        if (key.isPresent()) {
            keyed = splitDeadLetters(stream.process(() -> new KeyProcessor(name, key.get()), Named.as(name + "-key")),
                    name + "-key");
        }
        SinkMetrics counted = metrics.sink(topic);
        KStream<String, byte[]> encoded = splitDeadLetters(keyed.process(
                () -> new EncodeProcessor(name, topic, writer, counted), Named.as(name + "-encode")), name + "-encode");
        encoded.to(topic, Produced.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-to-" + topic));
    }

    /**
     * Connects every dead-letter stream to the dead-letter topic, each through its own writer and
     * sink. Merging them into one sink would join the nodes before a repartition with those after
     * it into one sub-topology: its tasks would read the source and the repartition topic together,
     * and Kafka Streams would hold records of one back while it waits for data of the other.
     * Called once, after all steps.
     */
    void finish() {
        if (deadLetters.isEmpty()) {
            return;
        }
        String topic = pipeline.errors().deadLetterTopic();
        outputTopics.add(topic);
        deadLetters.forEach((from, stream) -> stream
                .process(() -> new DeadLetterWriter(pipeline.name(), metrics), Named.as(from + "-dead-letters"))
                .to(topic, Produced.with(Serdes.String(), Serdes.ByteArray()).withName(from + "-dead-letters-to-topic")));
    }
}
