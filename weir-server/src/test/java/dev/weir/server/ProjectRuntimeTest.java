package dev.weir.server;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.engine.deadletter.DeadLetterHeaders;
import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Pipelines on a real embedded broker: end to end, across restarts, and shared by two runtimes. */
class ProjectRuntimeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Project project(int partitions) throws Exception {
        Files.writeString(dir.resolve("weir.yaml"), "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: rt }\n");
        Files.createDirectories(dir.resolve("pipelines"));
        Files.createDirectories(dir.resolve("topics"));
        Files.writeString(dir.resolve("topics/in.yaml"), """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: payments }
                spec: { partitions: %d }
                """.formatted(partitions));
        Files.writeString(dir.resolve("pipelines/p.yaml"), """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: clean }
                spec:
                  source: { topic: payments, key: id }
                  steps:
                    - validate:
                        rules: [ { name: positive, expr: "amount > 0" } ]
                    - dedupe: { key: id, within: 1h }
                    - map: { set: { cents: "int(amount * 100.0)" } }
                  sink: { topic: payments-clean }
                """);
        return ProjectLoader.load(dir, Map.of());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    private static String payment(String id, double amount) {
        return "{\"id\": \"" + id + "\", \"amount\": " + amount + "}";
    }

    @Test
    void runsEndToEndAndKeepsRecordsOffsetsAndStateAcrossARestart() throws Exception {
        Project project = project(2);
        int port = Clients.freePort();
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dir.resolve(".weir/kafka")).withPort(port);
        List<CompiledPipeline> compiled = new PipelineCompiler().compileAll(project);

        try (EmbeddedKafka kafka = new EmbeddedKafka(config).start();
             ProjectRuntime runtime = new ProjectRuntime(project, compiled, kafka.bootstrapServers(), Map.of(),
                     dir.resolve(".weir/state"), false)) {
            runtime.start();
            // Keyed by id, so repeats of an id share a partition, as dedupe requires.
            Clients.produce(kafka.bootstrapServers(), "payments", "a", payment("a", 1.5), "b", payment("b", -2),
                    "a", payment("a", 1.5), "x", "not json", "c", payment("c", 3));
            List<ConsumerRecord<String, String>> clean = Clients.read(kafka.bootstrapServers(), "payments-clean", 2, WAIT);
            assertThat(clean).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("a", "c");
            assertThat(clean).extracting(ConsumerRecord::value).contains("{\"id\":\"a\",\"amount\":1.5,\"cents\":150}");
            List<ConsumerRecord<String, String>> dead = Clients.read(kafka.bootstrapServers(), "clean-dlq", 2, WAIT);
            assertThat(dead).extracting(r -> new String(r.headers().lastHeader(DeadLetterHeaders.RULE).value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("positive", "decode");
        }

        // Same directory again: the broker finds its records, the pipeline its offsets and its dedupe state.
        List<CompiledPipeline> again = new PipelineCompiler().compileAll(project);
        try (EmbeddedKafka kafka = new EmbeddedKafka(config).start();
             ProjectRuntime runtime = new ProjectRuntime(project, again, kafka.bootstrapServers(), Map.of(),
                     dir.resolve(".weir/state"), false)) {
            runtime.start();
            Clients.produce(kafka.bootstrapServers(), "payments", "a", payment("a", 1.5), "d", payment("d", 4));
            List<ConsumerRecord<String, String>> clean = Clients.read(kafka.bootstrapServers(), "payments-clean", 3, WAIT);
            assertThat(clean).extracting(ConsumerRecord::key)
                    .as("a is remembered by dedupe, and nothing is processed twice")
                    .containsExactlyInAnyOrder("a", "c", "d");
            assertThat(runtime.runner().running().get(0).pipeline().metrics().in())
                    .as("only the two new records were read after the restart").isEqualTo(2);
        }
    }

    @Test
    void twoRuntimesShareThePartitionsAndOneTakesOverWhenTheOtherStops() throws Exception {
        Project project = project(4);
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dir.resolve(".weir/kafka")).withPort(Clients.freePort());
        try (EmbeddedKafka kafka = new EmbeddedKafka(config).start()) {
            ProjectRuntime first = new ProjectRuntime(project, new PipelineCompiler().compileAll(project),
                    kafka.bootstrapServers(), Map.of(), dir.resolve("machine-1"), false);
            ProjectRuntime second = new ProjectRuntime(project, new PipelineCompiler().compileAll(project),
                    kafka.bootstrapServers(), Map.of(), dir.resolve("machine-2"), false);
            try (second) {
                first.start();
                second.start();
                await("both run a share of the four partitions", () ->
                        activeTasks(first) > 0 && activeTasks(second) > 0 && activeTasks(first) + activeTasks(second) == 4);

                for (int i = 0; i < 40; i++) {
                    Clients.produce(kafka.bootstrapServers(), "payments", null, payment("x" + i, 1));
                }
                assertThat(Clients.read(kafka.bootstrapServers(), "payments-clean", 40, WAIT)).hasSize(40);
                assertThat(first.runner().running().get(0).pipeline().metrics().in()).isPositive();
                assertThat(second.runner().running().get(0).pipeline().metrics().in()).isPositive();

                first.close();
                await("the second takes over all four partitions", () -> activeTasks(second) == 4
                        && second.runner().running().get(0).streams().state() == KafkaStreams.State.RUNNING);
                for (int i = 40; i < 80; i++) {
                    Clients.produce(kafka.bootstrapServers(), "payments", null, payment("x" + i, 1));
                }
                assertThat(Clients.read(kafka.bootstrapServers(), "payments-clean", 80, WAIT)).hasSize(80);
            } finally {
                first.close();
            }
        }
    }

    private static int activeTasks(ProjectRuntime runtime) {
        return runtime.runner().running().get(0).streams().metadataForLocalThreads().stream()
                .mapToInt((ThreadMetadata t) -> t.activeTasks().size()).sum();
    }
}
