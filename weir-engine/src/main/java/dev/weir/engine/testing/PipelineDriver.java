package dev.weir.engine.testing;

import dev.weir.engine.compile.CompiledPipeline;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One compiled pipeline on a {@link TopologyTestDriver}: records in, what it wrote out. No
 * broker; state lives under the given directory.
 */
public final class PipelineDriver implements AutoCloseable {

    private final CompiledPipeline pipeline;
    private final TopologyTestDriver driver;
    private final List<String> outputTopics;
    private final Map<String, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
    private final Map<String, TestOutputTopic<String, byte[]>> outputs = new HashMap<>();

    public PipelineDriver(CompiledPipeline pipeline, Path stateDir, Instant wallClock) {
        this.pipeline = pipeline;
        this.driver = new TopologyTestDriver(pipeline.topology(), properties(pipeline, stateDir), wallClock);
        this.outputTopics = pipeline.outputTopics().stream().sorted().toList();
    }

    /**
     * Streams settings for a pipeline under test. Kafka Streams checks for closed windows (emit
     * final, left and outer joins) at most once per second of wall-clock time; a test driver's
     * clock stands still, so the checks run on every record instead.
     */
    public static Properties properties(CompiledPipeline pipeline, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, pipeline.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, pipeline.pipeline().guarantee().streamsValue());
        // stores a pipeline does not choose (enrich tables) live in memory too: see PipelineCompiler.forTests()
        props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        props.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 0L);
        props.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX, 0L);
        return props;
    }

    public CompiledPipeline pipeline() {
        return pipeline;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public boolean reads(String topic) {
        return pipeline.inputTopics().contains(topic);
    }

    public void pipe(TopicRecord record) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        inputs.computeIfAbsent(record.topic(),
                        t -> driver.createInputTopic(t, new StringSerializer(), new ByteArraySerializer()))
                .pipeInput(new TestRecord<>(record.key(), record.value(), headers, record.timestamp()));
    }

    public void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** The records written since the last call, topic by topic (in name order), each topic in order. */
    public List<TopicRecord> drain() {
        List<TopicRecord> out = new ArrayList<>();
        for (String topic : outputTopics) {
            TestOutputTopic<String, byte[]> output = outputs.computeIfAbsent(topic,
                    t -> driver.createOutputTopic(t, new StringDeserializer(), new ByteArrayDeserializer()));
            if (output.isEmpty()) {
                continue;
            }
            for (TestRecord<String, byte[]> r : output.readRecordsToList()) {
                out.add(new TopicRecord(topic, r.key(), r.value(), headers(r), r.timestamp()));
            }
        }
        return out;
    }

    private static Map<String, String> headers(TestRecord<?, ?> r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            m.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return m;
    }

    @Override
    public void close() {
        driver.close();
    }
}
