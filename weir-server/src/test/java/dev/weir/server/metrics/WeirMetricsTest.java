package dev.weir.server.metrics;

import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.server.ProjectRuntime;
import dev.weir.server.observe.GroupLag;
import dev.weir.server.observe.LagStatus;
import dev.weir.server.observe.LagView;
import dev.weir.server.observe.PartitionLag;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static dev.weir.server.metrics.Exposition.value;
import static org.assertj.core.api.Assertions.assertThat;

/** /metrics of a project running on the embedded broker: what the counters and histograms say, and promtool's verdict. */
class WeirMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Micrometer registers GC pause times at the first collection, which a short test may not see. */
    private static final String AFTER_FIRST_GC = "jvm_gc_pause_seconds_count";

    @TempDir
    Path dir;

    private Project project() throws Exception {
        Files.writeString(dir.resolve("weir.yaml"), "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: m }\n");
        Files.createDirectories(dir.resolve("pipelines"));
        Files.createDirectories(dir.resolve("generators"));
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
        Files.writeString(dir.resolve("generators/clicks.yaml"), """
                apiVersion: weir.dev/v1
                kind: Generator
                metadata: { name: clicks }
                spec:
                  topic: clicks
                  rate: 200
                  count: 20
                  fields:
                    n: { sequence: { start: 1 } }
                """);
        return ProjectLoader.load(dir, Map.of());
    }

    private static String payment(String id, double amount) {
        return "{\"id\": \"" + id + "\", \"amount\": " + amount + "}";
    }

    @Test
    void countsRecordsAndLatenciesOfARunningPipelineAndPassesPromtool() throws Exception {
        Project project = project();
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dir.resolve(".weir/kafka")).withPort(Clients.freePort());
        List<GroupLag> groups = new CopyOnWriteArrayList<>();
        LagView lagView = () -> List.copyOf(groups);
        try (EmbeddedKafka kafka = new EmbeddedKafka(config).start();
             ProjectRuntime runtime = new ProjectRuntime(project, new PipelineCompiler().compileAll(project),
                     kafka.bootstrapServers(), Map.of(), dir.resolve(".weir/state"), true);
             WeirMetrics metrics = new WeirMetrics(Duration.ofMillis(500))) {
            runtime.start();
            metrics.bind(runtime);
            metrics.bind(lagView);
            PipelineMetrics counted = runtime.runner().running().get(0).pipeline().metrics();

            String before = metrics.scrape();
            assertThat(value(before, "weir_pipeline_step_records_in_total", "pipeline", "clean", "step", "map"))
                    .as("every step is listed before any record arrives").isZero();

            // a passes, b breaks the rule, the second a is a duplicate, x cannot be decoded, c passes
            Clients.produce(kafka.bootstrapServers(), "payments", "a", payment("a", 1.5), "b", payment("b", -2),
                    "a", payment("a", 1.5), "x", "not json", "c", payment("c", 3));
            await("the pipeline has read, written and dead-lettered everything",
                    () -> counted.in() == 5 && counted.out() == 2 && counted.dead() == 2);
            assertThat(runtime.generators().runners().get(0).awaitCompletion(WAIT)).isTrue();
            await("the Kafka binders found the metrics of tasks and stores, which appear once partitions are assigned",
                    () -> metrics.scrape().contains("kafka_stream_task_") && metrics.scrape().contains("kafka_stream_state_"));
            groups.add(new GroupLag("weir-m-clean", LagStatus.STALL, 7, Instant.now(), List.of(
                    new PartitionLag("payments", 0, 3, 10, 7, LagStatus.STALL))));

            String scrape = metrics.scrape();

            assertThat(value(scrape, "weir_pipeline_records_in_total", "pipeline", "clean", "topic", "payments")).isEqualTo(5);
            assertThat(value(scrape, "weir_pipeline_records_out_total", "pipeline", "clean", "topic", "payments-clean"))
                    .isEqualTo(2);
            assertThat(value(scrape, "weir_pipeline_records_dead_lettered_total", "pipeline", "clean", "step", "validate"))
                    .isEqualTo(1);
            assertThat(value(scrape, "weir_pipeline_records_dead_lettered_total", "pipeline", "clean", "step", "source"))
                    .isEqualTo(1);
            assertThat(value(scrape, "weir_pipeline_records_filtered_total", "pipeline", "clean", "step", "dedupe"))
                    .isEqualTo(1);
            assertThat(value(scrape, "weir_pipeline_records_filtered_total", "pipeline", "clean", "step", "validate")).isZero();
            assertThat(value(scrape, "weir_pipeline_step_records_in_total", "pipeline", "clean", "step", "validate")).isEqualTo(4);
            assertThat(value(scrape, "weir_pipeline_step_records_out_total", "pipeline", "clean", "step", "validate")).isEqualTo(3);
            assertThat(value(scrape, "weir_pipeline_step_records_in_total", "pipeline", "clean", "step", "dedupe")).isEqualTo(3);
            assertThat(value(scrape, "weir_pipeline_step_records_out_total", "pipeline", "clean", "step", "dedupe")).isEqualTo(2);
            assertThat(value(scrape, "weir_pipeline_step_records_out_total", "pipeline", "clean", "step", "map")).isEqualTo(2);

            assertThat(value(scrape, "weir_pipeline_processing_latency_seconds_count", "pipeline", "clean"))
                    .as("every record read is timed, dead-lettered ones too").isEqualTo(5);
            assertThat(value(scrape, "weir_pipeline_processing_latency_seconds_bucket", "pipeline", "clean", "le", "+Inf"))
                    .isEqualTo(5);
            assertThat(value(scrape, "weir_pipeline_end_to_end_latency_seconds_count", "pipeline", "clean"))
                    .as("every record written is timed").isEqualTo(2);
            assertThat(value(scrape, "weir_pipeline_end_to_end_latency_seconds_sum", "pipeline", "clean")).isPositive();
            assertThat(value(scrape, "weir_pipeline_state", "pipeline", "clean", "state", "RUNNING")).isEqualTo(1);

            assertThat(value(scrape, "weir_consumer_lag", "group", "weir-m-clean", "topic", "payments", "partition", "0"))
                    .isEqualTo(7);
            assertThat(value(scrape, "weir_consumer_group_lag", "group", "weir-m-clean")).isEqualTo(7);
            assertThat(value(scrape, "weir_consumer_group_lag_status", "group", "weir-m-clean")).isEqualTo(3);
            assertThat(value(scrape, "weir_consumer_group_status", "group", "weir-m-clean", "status", "STALL")).isEqualTo(1);
            assertThat(value(scrape, "weir_consumer_group_status", "group", "weir-m-clean", "status", "OK")).isZero();

            assertThat(value(scrape, "kafka_stream_thread_process_total", "pipeline", "clean"))
                    .as("Kafka Streams' own metrics, per pipeline").isPositive();
            assertThat(value(scrape, "kafka_producer_record_send_total", "generator", "clicks"))
                    .as("the generator's producer metrics").isEqualTo(20);

            assertThat(Promtool.check(scrape)).as("promtool check metrics").isEmpty();
            assertThat(Dashboard.metrics()).as("every metric the Grafana dashboard reads is served")
                    .filteredOn(name -> !AFTER_FIRST_GC.equals(name))
                    .allSatisfy(name -> assertThat(scrape).containsPattern("(?m)^" + name + "[{ ]"));

            assertThat(metrics.latency("clean")).hasValueSatisfying(l -> {
                assertThat(l.processing().count()).isEqualTo(5);
                assertThat(l.processing().p50()).isPresent();
                assertThat(l.processing().p99().orElseThrow()).isGreaterThanOrEqualTo(l.processing().p50().orElseThrow());
                assertThat(l.endToEnd().count()).isEqualTo(2);
            });

            groups.clear();
            assertThat(metrics.scrape().lines().filter(l -> l.startsWith("weir_consumer_")))
                    .as("a group no longer watched disappears").isEmpty();
        }
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
}
