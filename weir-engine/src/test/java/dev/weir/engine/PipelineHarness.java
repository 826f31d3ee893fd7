package dev.weir.engine;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.engine.testing.PipelineDriver;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs one pipeline of a project written as YAML text on a {@link PipelineDriver}, compiled as for a cluster. */
public final class PipelineHarness implements AutoCloseable {

    public static final String PROJECT = """
            apiVersion: weir.dev/v1
            kind: Project
            metadata: { name: test }
            """;

    private final PipelineDriver pipelineDriver;
    private final TopologyTestDriver driver;
    private final CompiledPipeline compiled;

    private PipelineHarness(CompiledPipeline compiled, Path stateDir) {
        this.compiled = compiled;
        this.pipelineDriver = new PipelineDriver(compiled, stateDir, Instant.ofEpochMilli(0));
        this.driver = pipelineDriver.driver();
    }

    /** Writes {@code files} (path to YAML text, weir.yaml added) under {@code dir}, loads, compiles {@code pipeline}. */
    public static PipelineHarness of(Path dir, String pipeline, Map<String, String> files) {
        return of(dir, pipeline, files, java.util.Optional.empty());
    }

    /** As {@link #of(Path, String, Map)}, with a schema registry for avro, json-schema and protobuf topics. */
    public static PipelineHarness of(Path dir, String pipeline, Map<String, String> files,
                                     java.util.Optional<dev.weir.engine.schema.SchemaSource> registry) {
        try {
            Files.writeString(dir.resolve("weir.yaml"), PROJECT);
            for (var e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
            Path state = dir.resolve(".weir/state");
            Files.createDirectories(state);
            Project project = ProjectLoader.load(dir, Map.of("CARD_SALT", "s3cret"));
            CompiledPipeline cp = new PipelineCompiler(registry).compile(project, project.pipeline(pipeline).orElseThrow());
            return new PipelineHarness(cp, state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A project with one pipeline file {@code pipelines/p.yaml}. */
    public static PipelineHarness of(Path dir, String pipelineYaml) {
        return of(dir, nameOf(pipelineYaml), Map.of("pipelines/p.yaml", pipelineYaml));
    }

    private static String nameOf(String yaml) {
        int i = yaml.indexOf("name:");
        String rest = yaml.substring(i + 5).trim();
        return rest.split("[\\s,}]")[0];
    }

    public CompiledPipeline compiled() {
        return compiled;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public TestInputTopic<String, byte[]> bytesInput(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    public List<TestRecord<String, byte[]>> readBytes(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList();
    }

    public TestInputTopic<String, String> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new StringSerializer());
    }

    public void send(String topic, String key, String value, long timestampMs) {
        input(topic).pipeInput(key, value, timestampMs);
    }

    public TestOutputTopic<String, String> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }

    public List<TestRecord<String, String>> read(String topic) {
        return output(topic).readRecordsToList();
    }

    public List<String> values(String topic) {
        return output(topic).readValuesToList();
    }

    public static Map<String, String> headers(TestRecord<?, ?> record) {
        Map<String, String> m = new HashMap<>();
        for (Header h : record.headers()) {
            m.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return m;
    }

    @Override
    public void close() {
        pipelineDriver.close();
    }
}
