package dev.weir.server.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.server.PipelineRunner;
import dev.weir.server.ProjectRuntime;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenLineage run events of pipelines running on a real embedded broker: to the lineage topic
 * and to a real HTTP receiver, each a valid OpenLineage 2-0-2 RunEvent.
 */
class OpenLineageEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenLineageSpec SPEC = new OpenLineageSpec();
    /** As weir up runs pipelines: a replaced stream thread's old membership expires in seconds, not 45. */
    private static final Map<String, Object> CLIENT_CONFIG = Map.of("consumer.session.timeout.ms", 10_000,
            "consumer.heartbeat.interval.ms", 2_000);

    @TempDir
    static Path shared;

    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws IOException {
        kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(shared.resolve("kafka")).withPort(Clients.freePort())).start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** A project named {@code name} whose pipeline "clean" reads payments-NAME; its own topics, so tests share the broker. */
    private Project project(String name, String lineage, String filter) throws IOException {
        Files.writeString(dir.resolve("weir.yaml"), """
                apiVersion: weir.dev/v1
                kind: Project
                metadata: { name: %s }
                spec:
                %s
                """.formatted(name, lineage.indent(2)));
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/payment.json"), """
                {"type": "object", "properties": {"id": {"type": "string"}, "amount": {"type": "number"},
                 "card": {"type": "object", "properties": {"last4": {"type": ["string", "null"]}}}}}
                """);
        Files.createDirectories(dir.resolve("topics"));
        Files.writeString(dir.resolve("topics/payments.yaml"), """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: payments-%s }
                spec: { schema: schemas/payment.json }
                """.formatted(name));
        Files.createDirectories(dir.resolve("pipelines"));
        Files.writeString(dir.resolve("pipelines/clean.yaml"), """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: clean }
                spec:
                  source: { topic: payments-%1$s }
                  steps:
                    - filter: "%2$s"
                  sink: { topic: clean-%1$s }
                  errors: { deadLetterTopic: clean-%1$s-dlq }
                """.formatted(name, filter));
        return ProjectLoader.load(dir, Map.of("LINEAGE_KEY", "k-123"));
    }

    /** Runs the project as weir up does: the runtime starts its lineage publisher, then the pipelines. */
    private ProjectRuntime start(Project project) throws InterruptedException {
        ProjectRuntime runtime = new ProjectRuntime(project, new PipelineCompiler().compileAll(project),
                kafka.bootstrapServers(), CLIENT_CONFIG, dir.resolve("state"), false);
        runtime.start();
        return runtime;
    }

    private static List<JsonNode> events(String topic, String key, int expected) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : Clients.read(kafka.bootstrapServers(), topic, expected, WAIT)) {
            if (key.equals(r.key())) {
                assertThat(SPEC.problems(r.value())).as("valid OpenLineage: %s", r.value()).isEmpty();
                out.add(JSON.readTree(r.value()));
            }
        }
        return out;
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

    private static String text(JsonNode event, String pointer) {
        return event.at(pointer).asText();
    }

    @Test
    void startAndCompleteGoToTheTopicAndTheReceiverAsValidOpenLineage() throws Exception {
        try (LineageReceiver receiver = new LineageReceiver()) {
            Project project = project("events", """
                    lineage:
                      openlineage: { url: "%s", apiKey: "${env:LINEAGE_KEY}" }
                    """.formatted(receiver.url()), "amount > 0");
            try (ProjectRuntime runtime = start(project)) {
                await("the pipeline runs", () -> runtime.runner().allRunning());
            }

            List<JsonNode> events = events("_weir_lineage", "weir://events/clean", 2);
            assertThat(events).extracting(e -> e.get("eventType").asText()).containsExactly("START", "COMPLETE");
            UUID runId = UUID.fromString(text(events.get(0), "/run/runId"));
            assertThat(runId.version()).isEqualTo(7);
            assertThat(text(events.get(1), "/run/runId")).isEqualTo(runId.toString());

            JsonNode start = events.get(0);
            assertThat(text(start, "/job/namespace")).isEqualTo("weir://events");
            assertThat(text(start, "/job/name")).isEqualTo("clean");
            assertThat(start.at("/job/facets/jobType").toString()).contains("\"processingType\":\"STREAMING\"",
                    "\"integration\":\"WEIR\"", "\"jobType\":\"PIPELINE\"");
            assertThat(text(start, "/job/facets/sourceCode/language")).isEqualTo("yaml");
            assertThat(text(start, "/job/facets/sourceCode/sourceCode")).startsWith("apiVersion: weir.dev/v1\nkind: Pipeline\n");
            assertThat(text(start, "/job/facets/weir_pipeline/applicationId")).isEqualTo("weir-events-clean");
            assertThat(text(start, "/job/facets/weir_pipeline/definitionHash"))
                    .isEqualTo(PipelineDefinition.hash(project.pipelines().get(0)));
            assertThat(text(start, "/run/facets/weir_run/definitionChange")).isEqualTo("first-run");
            assertThat(text(start, "/run/facets/processing_engine/name")).isEqualTo("Kafka Streams");

            String cluster = "kafka://" + kafka.bootstrapServers();
            assertThat(start.get("inputs").toString()).isEqualTo("[{\"namespace\":\"" + cluster + "\",\"name\":\"payments-events\","
                    + "\"facets\":{\"schema\":{\"_producer\":\"" + OpenLineageJob.PRODUCER + "\",\"_schemaURL\":\""
                    + OpenLineageJob.SCHEMA_FACET + "\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
                    + "{\"name\":\"amount\",\"type\":\"number\"},{\"name\":\"card\",\"type\":\"object\","
                    + "\"fields\":[{\"name\":\"last4\",\"type\":\"string\"}]}]}}}]");
            assertThat(start.get("outputs")).extracting(o -> o.get("name").asText())
                    .containsExactly("clean-events", "clean-events-dlq");

            await("the receiver has both events", () -> receiver.requests().size() == 2);
            assertThat(receiver.requests()).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo("/api/v1/lineage");
                assertThat(r.contentType()).isEqualTo("application/json");
                assertThat(r.authorization()).isEqualTo("Bearer k-123");
            });
            assertThat(receiver.requests()).extracting(r -> JSON.readTree(r.body())).containsExactlyElementsOf(events);
        }
    }

    @Test
    void aChangedDefinitionStartsARunThatSaysItChanged() throws Exception {
        String lineage = "lineage: { openlineage: { topic: lineage-changes, namespace: weir://team-a } }";
        for (String filter : List.of("amount > 0", "amount > 0", "amount > 10")) {
            // Each round is a new process: a new runtime whose publisher reads the last definition from the topic.
            Project project = project("changes", lineage, filter);
            try (ProjectRuntime runtime = start(project)) {
                await("the pipeline runs", () -> runtime.runner().allRunning());
            }
        }

        List<JsonNode> events = events("lineage-changes", "weir://team-a/clean", 6);
        assertThat(events).extracting(e -> e.get("eventType").asText())
                .containsExactly("START", "COMPLETE", "START", "COMPLETE", "START", "COMPLETE");
        List<JsonNode> starts = List.of(events.get(0), events.get(2), events.get(4));
        assertThat(starts).extracting(e -> text(e, "/run/facets/weir_run/definitionChange"))
                .containsExactly("first-run", "unchanged", "changed");
        String first = text(starts.get(0), "/run/facets/weir_run/definitionHash");
        String changed = text(starts.get(2), "/run/facets/weir_run/definitionHash");
        assertThat(changed).isNotEqualTo(first).isEqualTo(text(starts.get(2), "/job/facets/weir_pipeline/definitionHash"));
        assertThat(starts.get(0).at("/run/facets/weir_run/previousDefinitionHash").isMissingNode()).isTrue();
        assertThat(text(starts.get(1), "/run/facets/weir_run/previousDefinitionHash")).isEqualTo(first);
        assertThat(text(starts.get(2), "/run/facets/weir_run/previousDefinitionHash")).isEqualTo(first);
        for (int i = 0; i < 6; i += 2) {
            assertThat(text(events.get(i + 1), "/run/runId")).as("a run ends as it started").isEqualTo(text(events.get(i), "/run/runId"));
        }
        assertThat(starts).extracting(e -> text(e, "/run/runId")).as("each process runs its own run").doesNotHaveDuplicates();
    }

    @Test
    void aPipelineWhoseInputTopicIsDeletedFailsItsRunAndStartsAnotherWhenItRunsAgain() throws Exception {
        Project project = project("failing", "lineage: { openlineage: { topic: lineage-failures } }", "amount > 0");
        try (ProjectRuntime runtime = start(project);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            await("the pipeline runs", () -> runtime.runner().allRunning());
            admin.deleteTopics(List.of("payments-failing")).all().get();
            Clients.awaitContaining(kafka.bootstrapServers(), "lineage-failures", "\"FAIL\"", WAIT);

            // The stream thread is replaced; once its topic is back the pipeline runs again, as a new run.
            admin.createTopics(List.of(new NewTopic("payments-failing", 1, (short) 1))).all().get();
            await("the pipeline runs again", () -> runtime.runner().allRunning());
            await("a second run started", () -> Clients.awaitContaining(kafka.bootstrapServers(), "lineage-failures",
                    "\"START\"", Duration.ofSeconds(1)).size() == 2);
        }

        List<JsonNode> events = events("lineage-failures", "weir://failing/clean", 4);
        assertThat(events).extracting(e -> e.get("eventType").asText()).containsExactly("START", "FAIL", "START", "COMPLETE");
        assertThat(events).extracting(e -> text(e, "/run/runId")).containsExactly(text(events.get(0), "/run/runId"),
                text(events.get(0), "/run/runId"), text(events.get(2), "/run/runId"), text(events.get(2), "/run/runId"));
        assertThat(text(events.get(2), "/run/runId")).isNotEqualTo(text(events.get(0), "/run/runId"));
        JsonNode fail = events.get(1);
        assertThat(text(fail, "/run/facets/errorMessage/message"))
                .isEqualTo("org.apache.kafka.streams.errors.MissingSourceTopicException: One or more source topics were missing during rebalance");
        assertThat(text(fail, "/run/facets/errorMessage/programmingLanguage")).isEqualTo("JAVA");
        assertThat(text(fail, "/run/facets/errorMessage/stackTrace")).contains("\tat org.apache.kafka.streams");
        assertThat(text(events.get(2), "/run/facets/weir_run/definitionChange")).isEqualTo("unchanged");
    }

    @Test
    void aReceiverThatIsDownIsLoggedAndTheEventsStillReachTheTopic() throws Exception {
        int nobodyListens = Clients.freePort();
        Project project = project("unreachable", """
                lineage:
                  openlineage: { url: "http://127.0.0.1:%d", topic: lineage-unreachable, timeout: 2s }
                """.formatted(nobodyListens), "amount > 0");
        try (ProjectRuntime runtime = start(project)) {
            await("the pipeline runs", () -> runtime.runner().allRunning());
        }

        assertThat(events("lineage-unreachable", "weir://unreachable/clean", 2))
                .extracting(e -> e.get("eventType").asText()).containsExactly("START", "COMPLETE");
    }

    @Test
    void turnedOffThereIsNothingToPublish() throws Exception {
        Project project = project("off", "lineage: { openlineage: { enabled: false } }", "amount > 0");
        assertThat(LineagePublisher.start(project.settings().lineage(), kafka.bootstrapServers(), CLIENT_CONFIG)).isEmpty();
    }

    @Test
    void anApplicationThatGoesToErrorFailsItsRunAndNothingEndsItTwice() throws Exception {
        Project project = project("erroring", "lineage: { openlineage: { topic: lineage-errors } }", "amount > 0");
        CompiledPipeline compiled = new PipelineCompiler().compileAll(project).get(0);
        // Kafka Streams reaches ERROR when its global thread dies; here its state callbacks are played as it makes them.
        try (KafkaStreams streams = new KafkaStreams(compiled.topology(), PipelineRunner.streamsConfig(compiled,
                kafka.bootstrapServers(), CLIENT_CONFIG, dir.resolve("state")))) {
            PipelineRunner.Running running = new PipelineRunner.Running(compiled, streams);
            try (LineagePublisher publisher = LineagePublisher.start(project.settings().lineage(),
                    kafka.bootstrapServers(), CLIENT_CONFIG).orElseThrow()) {
                OpenLineageRuns runs = new OpenLineageRuns(project, publisher, kafka.bootstrapServers());
                runs.starting(running);
                runs.stateChanged(running, KafkaStreams.State.CREATED, KafkaStreams.State.REBALANCING);
                runs.stateChanged(running, KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);
                runs.stateChanged(running, KafkaStreams.State.RUNNING, KafkaStreams.State.PENDING_ERROR);
                runs.stateChanged(running, KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.ERROR);
                runs.closed(running, true);
            }
        }

        List<JsonNode> events = events("lineage-errors", "weir://erroring/clean", 2);
        assertThat(events).extracting(e -> e.get("eventType").asText()).containsExactly("START", "FAIL");
        assertThat(text(events.get(1), "/run/facets/errorMessage/message"))
                .isEqualTo("the Kafka Streams application of pipeline clean stopped with an error (state ERROR)");
        assertThat(events.get(1).at("/run/facets/errorMessage/stackTrace").isMissingNode()).isTrue();
    }
}
