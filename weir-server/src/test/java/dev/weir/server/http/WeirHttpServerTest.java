package dev.weir.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.engine.record.ValueFormats;
import dev.weir.engine.schema.RegistryClient;
import dev.weir.registry.RegistryConfig;
import dev.weir.registry.RegistryServer;
import dev.weir.server.ProjectRuntime;
import dev.weir.server.observe.AlertState;
import dev.weir.server.observe.GroupLag;
import dev.weir.server.observe.LagStatus;
import dev.weir.server.observe.PartitionLag;
import dev.weir.spec.Position;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Format;
import dev.weir.spec.model.Project;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP API, /metrics and the dashboard's files, served for a project running on a real
 * embedded broker, with a real schema registry, read with a plain HTTP client.
 */
class WeirHttpServerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final GroupLag LAG = new GroupLag("weir-api-clean", LagStatus.WARN, 7, Instant.parse("2026-01-01T00:00:00Z"),
            List.of(new PartitionLag("payments", 0, 10, 17, 7, LagStatus.WARN)));
    private static final AlertState ALERT = new AlertState("dead-letters-rising", "Too many dead letters",
            AlertState.Status.FIRING, Instant.parse("2026-01-01T00:01:00Z"), "dead_rate > 1", "dead_rate is 2.5", Optional.of(2.5));

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static RegistryServer registry;
    private static ProjectRuntime runtime;
    private static WeirHttpServer server;
    private static String base;

    @BeforeAll
    static void startProject() throws Exception {
        Files.writeString(dir.resolve("weir.yaml"), "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: api }\n");
        Files.createDirectories(dir.resolve("pipelines"));
        Files.createDirectories(dir.resolve("topics"));
        Files.writeString(dir.resolve("topics/payments.yaml"), """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: payments }
                spec: { partitions: 2, format: json }
                """);
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/orders.avsc"), """
                {"type": "record", "name": "Order", "fields": [
                  {"name": "id", "type": "string"}, {"name": "amount", "type": "double"}]}
                """);
        Files.writeString(dir.resolve("topics/orders.yaml"), """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: orders }
                spec: { format: avro, schema: schemas/orders.avsc }
                """);
        Files.writeString(dir.resolve("pipelines/clean.yaml"), """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: clean }
                spec:
                  source: { topic: payments, key: id }
                  steps:
                    - validate:
                        rules: [ { name: positive, expr: "amount > 0" } ]
                  sink: { topic: payments-clean }
                """);
        Project project = ProjectLoader.load(dir, Map.of());
        kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(dir.resolve(".weir/kafka")).withPort(Clients.freePort())).start();
        registry = RegistryServer.start(RegistryConfig.of(kafka.bootstrapServers()).withHost("127.0.0.1").withPort(0));
        runtime = new ProjectRuntime(project, new PipelineCompiler().compileAll(project), kafka.bootstrapServers(), Map.of(),
                dir.resolve(".weir/state"), false);
        ApiSources sources = new ApiSources(runtime, () -> runtime.metrics().scrape(), () -> List.of(LAG), () -> List.of(ALERT),
                runtime::lineage, Optional.of(ApiSources.Registry.at(registry.url())));
        server = WeirHttpServer.start(HttpSettings.of("127.0.0.1", 0).withSampleEvery(Duration.ofMillis(250)), sources);
        base = "http://127.0.0.1:" + server.port();
        runtime.start();
        Clients.produce(kafka.bootstrapServers(), "payments",
                "a", "{\"id\": \"a\", \"amount\": 5.0, \"country\": \"DE\"}",
                "b", "{\"id\": \"b\", \"amount\": 50.0, \"country\": \"US\"}",
                "c", "{\"id\": \"c\", \"amount\": -3.0, \"country\": \"FR\"}",
                "d", "{\"id\": \"d\", \"amount\": 500.0, \"country\": \"US\"}");
        Clients.read(kafka.bootstrapServers(), "payments-clean", 3, WAIT);
        Clients.read(kafka.bootstrapServers(), "clean-dlq", 1, WAIT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private record Answer(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private static Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private static Answer post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private static JsonNode ok(String path) throws IOException, InterruptedException {
        Answer a = get(path);
        assertThat(a.status()).as("GET %s: %s", path, a.body()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/json");
        return a.json();
    }

    /** Asks until the answer satisfies {@code done}; returns that answer. */
    private static JsonNode await(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = ok(path);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("GET " + path + " never gave what was expected; last answer: " + last);
    }

    private static void assertError(Answer a, int status, String... fragments) throws IOException {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/json");
        assertThat(a.json().path("error").asText()).contains(fragments);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void pipelinesShowWhatEachReadsAndWritesWithItsCounters() throws Exception {
        JsonNode p = await("/api/pipelines", a -> a.get(0).path("state").asText().equals("RUNNING")
                && a.get(0).path("counts").path("in").asLong() >= 4).get(0);
        assertThat(p.path("name").asText()).isEqualTo("clean");
        assertThat(p.path("applicationId").asText()).isEqualTo("weir-api-clean");
        assertThat(p.path("inputs")).extracting(JsonNode::asText).containsExactly("payments");
        assertThat(p.path("outputs")).extracting(JsonNode::asText).containsExactly("payments-clean");
        assertThat(p.path("deadLetterTopic").asText()).isEqualTo("clean-dlq");
        assertThat(p.path("guarantee").asText()).isEqualTo("exactly-once");
        assertThat(p.path("counts").path("dead").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(p.path("counts").path("deadByStep").path("validate").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(p.path("rates").has("in")).isTrue();
        assertThat(p.path("lag").path("status").asText()).isEqualTo("WARN");
        assertThat(p.path("steps").get(0).path("type").asText()).isEqualTo("validate");
        assertThat(ok("/api/pipelines/clean").path("name").asText()).isEqualTo("clean");
    }

    @Test
    void historyHasARatePerSampleAndCountersThatAddUp() throws Exception {
        Clients.produce(kafka.bootstrapServers(), "payments", "h", "{\"id\": \"h\", \"amount\": 1.0}");
        JsonNode h = await("/api/pipelines/clean/history", a -> {
            for (JsonNode s : a.path("samples")) {
                if (s.path("in").asDouble() > 0) {
                    return true;
                }
            }
            return false;
        });
        assertThat(h.path("pipeline").asText()).isEqualTo("clean");
        JsonNode last = h.path("samples").get(h.path("samples").size() - 1);
        assertThat(last.path("inTotal").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(last.path("time").asText()).endsWith("Z");
        assertThat(last.path("lagStatus").asText()).isEqualTo("WARN");
        assertError(get("/api/pipelines/nope/history"), 404, "no pipeline 'nope'", "clean");
    }

    @Test
    void topicsShowPartitionsEndOffsetsAndWhatTheProjectDeclares() throws Exception {
        JsonNode topics = ok("/api/topics");
        JsonNode payments = null;
        for (JsonNode t : topics) {
            if (t.path("name").asText().equals("payments")) {
                payments = t;
            }
        }
        assertThat(payments).as("payments in %s", topics).isNotNull();
        assertThat(payments.path("partitions").asInt()).isEqualTo(2);
        assertThat(payments.path("endOffsets")).hasSize(2);
        assertThat(payments.path("records").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(payments.path("declared").path("format").asText()).isEqualTo("json");
        assertThat(payments.path("readBy")).extracting(JsonNode::asText).containsExactly("clean");
        assertThat(payments.path("internal").asBoolean()).isFalse();
    }

    @Test
    void recordsAreTheLastOfATopicFilteredByAnExpressionOrByText() throws Exception {
        JsonNode two = ok("/api/topics/payments/records?limit=2");
        assertThat(two.path("records")).hasSize(2);
        assertThat(two.path("records").get(0).path("format").asText()).isEqualTo("json");

        JsonNode big = ok("/api/topics/payments/records?filter=" + encode("amount > 10.0 && country == 'US'"));
        assertThat(big.path("records")).extracting(r -> r.path("value").path("id").asText()).containsExactlyInAnyOrder("b", "d");
        JsonNode byKey = ok("/api/topics/payments/records?filter=" + encode("meta.key == 'c'"));
        assertThat(byKey.path("records")).isNotEmpty().extracting(r -> r.path("key").asText()).containsOnly("c");
        JsonNode text = ok("/api/topics/payments/records?contains=FR");
        assertThat(text.path("records")).isNotEmpty().extracting(r -> r.path("value").path("id").asText()).containsOnly("c");

        assertError(get("/api/topics/payments/records?filter=" + encode("amount >> 1")), 400, "invalid expression");
        assertError(get("/api/topics/payments/records?filter=" + encode("amount + 1.0")), 400, "must be true or false");
        assertError(get("/api/topics/payments/records?limit=0"), 400, "limit must be between 1 and");
        assertError(get("/api/topics/no-such-topic/records"), 404, "no topic 'no-such-topic'");
    }

    @Test
    void theLastRecordsOfATransactionalTopicAreRecordsNotCommitMarkers() throws Exception {
        assertThat(ok("/api/topics/payments-clean/records?limit=1").path("records")).hasSize(1);
        assertThat(ok("/api/dead-letters?limit=1")).hasSize(1);
    }

    @Test
    void recordsOfAnAvroTopicAreDecodedThroughTheSchemaRegistry() throws Exception {
        ValueFormats formats = new ValueFormats(Optional.of(new RegistryClient(registry.url(), Optional.empty(), Optional.empty())));
        byte[] value = formats.writer(Format.AVRO, "orders", runtime.project().topic("orders").orElseThrow().schema(),
                Position.UNKNOWN).encode(Map.of("id", "o-1", "amount", 12.5));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("orders", "o-1", value)).get();
        }
        JsonNode records = ok("/api/topics/orders/records?filter=" + encode("amount > 10.0"));
        assertThat(records.path("records")).hasSize(1);
        JsonNode r = records.path("records").get(0);
        assertThat(r.path("format").asText()).isEqualTo("avro");
        assertThat(r.path("value").path("id").asText()).isEqualTo("o-1");
        assertThat(r.path("value").path("amount").asDouble()).isEqualTo(12.5);
    }

    @Test
    void deadLettersSayWhyAndReplayPutsTheOriginalBackOnItsSourceTopic() throws Exception {
        JsonNode dead = await("/api/dead-letters?pipeline=clean", a -> a.size() >= 1);
        JsonNode c = null;
        for (JsonNode d : dead) {
            if ("c".equals(d.path("key").asText()) && d.path("replayedFrom").isNull()) {
                c = d;
            }
        }
        assertThat(c).as("the negative payment among %s", dead).isNotNull();
        assertThat(c.path("pipeline").asText()).isEqualTo("clean");
        assertThat(c.path("step").asText()).isEqualTo("validate");
        assertThat(c.path("rule").asText()).isEqualTo("positive");
        assertThat(c.path("error").asText()).isNotBlank();
        assertThat(c.path("source").path("topic").asText()).isEqualTo("payments");
        assertThat(c.path("payloadText").asText()).contains("\"amount\":-3.0");
        assertThat(new String(Base64.getDecoder().decode(c.path("payloadBase64").asText()), StandardCharsets.UTF_8))
                .isEqualTo(c.path("payloadText").asText());

        String where = c.path("topic").asText() + "/" + c.path("partition").asInt() + "/" + c.path("offset").asLong();
        Answer replayed = post("/api/dead-letters/replay", "[{\"topic\": \"" + c.path("topic").asText() + "\", \"partition\": "
                + c.path("partition").asInt() + ", \"offset\": " + c.path("offset").asLong() + "}]");
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        JsonNode r = replayed.json().path("replayed").get(0);
        assertThat(r.path("topic").asText()).isEqualTo("payments");
        assertThat(r.path("from").asText()).isEqualTo("source-record");
        List<ConsumerRecord<String, String>> back = new ArrayList<>();
        for (ConsumerRecord<String, String> rec : Clients.awaitContaining(kafka.bootstrapServers(), "payments", "\"id\": \"c\"", WAIT)) {
            var h = rec.headers().lastHeader(DeadLetterReplay.REPLAYED_FROM);
            if (h != null && new String(h.value(), StandardCharsets.UTF_8).equals(where)) {
                back.add(rec);
            }
        }
        assertThat(back).as("the original record, again, marked as replayed from " + where).hasSize(1);
        assertThat(back.get(0).key()).isEqualTo("c");
        assertThat(back.get(0).value()).isEqualTo("{\"id\": \"c\", \"amount\": -3.0, \"country\": \"FR\"}");
        // It fails validation again: the new dead letter says it was a replay.
        await("/api/dead-letters?pipeline=clean", a -> {
            for (JsonNode d : a) {
                if (where.equals(d.path("replayedFrom").asText(null))) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void replayRefusesWhatIsNotADeadLetterAndReplaysNothingThen() throws Exception {
        assertError(post("/api/dead-letters/replay", "[{\"topic\": \"payments\", \"partition\": 0, \"offset\": 0}]"), 400,
                "'payments' is not a dead-letter topic", "clean-dlq");
        assertError(post("/api/dead-letters/replay", "[{\"topic\": \"clean-dlq\", \"partition\": 0, \"offset\": 999999}]"), 404,
                "no record at clean-dlq/0/999999");
        assertError(post("/api/dead-letters/replay", "[{\"topic\": \"clean-dlq\"}]"), 400, "needs topic, partition and offset");
        assertError(post("/api/dead-letters/replay", "[]"), 400, "send a JSON list");
        assertError(post("/api/dead-letters/replay", "{not json"), 400, "bad request body");
        assertError(get("/api/dead-letters?pipeline=nope"), 404, "no pipeline 'nope'");
    }

    @Test
    void lagAndAlertsAreServedAsTheirViewsGiveThem() throws Exception {
        JsonNode lag = ok("/api/lag");
        assertThat(lag.get(0).path("group").asText()).isEqualTo("weir-api-clean");
        assertThat(lag.get(0).path("status").asText()).isEqualTo("WARN");
        assertThat(lag.get(0).path("totalLag").asLong()).isEqualTo(7);
        assertThat(lag.get(0).path("evaluatedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(lag.get(0).path("partitions").get(0).path("committedOffset").asLong()).isEqualTo(10);
        assertThat(ok("/api/lag/weir-api-clean").path("partitions").get(0).path("lag").asLong()).isEqualTo(7);
        assertError(get("/api/lag/nobody"), 404, "no lag known for consumer group 'nobody'");

        JsonNode alert = ok("/api/alerts").get(0);
        assertThat(alert.path("rule").asText()).isEqualTo("dead-letters-rising");
        assertThat(alert.path("status").asText()).isEqualTo("FIRING");
        assertThat(alert.path("since").asText()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(alert.path("value").asDouble()).isEqualTo(2.5);
    }

    @Test
    void lineageHasEveryPipelineAndTopicAndARatePerMeasuredEdge() throws Exception {
        JsonNode graph = await("/api/lineage", g -> {
            for (JsonNode n : g.path("nodes")) {
                if (n.path("id").asText().equals("pipeline:clean") && n.path("state").asText().equals("RUNNING")) {
                    return true;
                }
            }
            return false;
        });
        assertThat(graph.path("nodes")).extracting(n -> n.path("id").asText())
                .contains("pipeline:clean", "topic:payments", "topic:payments-clean", "topic:clean-dlq");
        boolean sourceRated = false;
        boolean deadLetters = false;
        for (JsonNode e : graph.path("edges")) {
            if (e.path("from").asText().equals("topic:payments") && e.path("role").asText().equals("source")) {
                sourceRated = e.path("rate").isNumber();
            }
            if (e.path("to").asText().equals("topic:clean-dlq")) {
                deadLetters = e.path("role").asText().equals("dead-letters") && e.path("rate").isNumber();
            }
        }
        assertThat(sourceRated).as("source edge rated in %s", graph).isTrue();
        assertThat(deadLetters).as("dead-letter edge rated in %s", graph).isTrue();
    }

    @Test
    void schemasListSubjectsAndDiffTwoVersions() throws Exception {
        String v1 = "{\"type\":\"record\",\"name\":\"Payment\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
        String v2 = "{\"type\":\"record\",\"name\":\"Payment\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
                + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]}";
        for (String schema : List.of(v1, v2)) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/payments-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        JsonNode schemas = ok("/api/schemas");
        assertThat(schemas.path("registry").asText()).startsWith(registry.url());
        JsonNode subject = null;
        for (JsonNode s : schemas.path("subjects")) {
            if (s.path("subject").asText().equals("payments-value")) {
                subject = s;
            }
        }
        assertThat(subject).as("payments-value in %s", schemas).isNotNull();
        assertThat(subject.path("versions")).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(subject.path("latest").path("type").asText()).isEqualTo("AVRO");

        JsonNode diff = ok("/api/schemas/payments-value/diff?from=1&to=2");
        assertThat(diff.path("added").asInt()).isGreaterThanOrEqualTo(1);
        List<String> added = new ArrayList<>();
        diff.path("lines").forEach(l -> {
            if (l.path("op").asText().equals("added")) {
                added.add(l.path("text").asText());
            }
        });
        assertThat(String.join("\n", added)).contains("\"note\"");
        assertThat(ok("/api/schemas/payments-value/diff").path("from").asInt()).as("latest against the one before").isEqualTo(1);
        assertThat(ok("/api/schemas/payments-value/versions/latest").path("schema").asText()).contains("\n  \"fields\": [");
        assertError(get("/api/schemas/payments-value/diff?from=1&to=9"), 404, "no version 9");
        assertError(get("/api/schemas/nobody-value/diff"), 404, "nobody-value");
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        Answer a = get("/metrics");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("text/plain").contains("version=0.0.4");
        assertThat(a.body()).contains("# TYPE weir_pipeline_records_in_total counter")
                .containsPattern("weir_pipeline_records_in_total\\{pipeline=\"clean\",topic=\"payments\"} [0-9]+");
    }

    @Test
    void connectorsAreAnEmptyListAndUnknownPathsAJsonError() throws Exception {
        assertThat(ok("/api/connectors")).isEmpty();
        assertThat(ok("/api/project").path("name").asText()).isEqualTo("api");
        assertError(get("/api/nothing-here"), 404, "no such path");
    }

    @Test
    void dashboardFilesAreServedFromTheJar() throws Exception {
        Answer page = get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Weir</title>", "app.js", "id=\"lineage\"").doesNotContain("http://", "https://");
        for (String file : List.of("app.js", "graph.js", "charts.js", "app.css", "favicon.svg")) {
            Answer a = get("/" + file);
            assertThat(a.status()).as(file).isEqualTo(200);
            assertThat(a.body()).as("%s fetches nothing from elsewhere", file).doesNotContain("https://");
        }
        assertThat(get("/app.js").contentType()).startsWith("text/javascript");
        assertError(get("/missing.js"), 404, "no such file");
    }

    @Test
    void aTakenPortIsReportedAsSuch() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ApiSources sources = new ApiSources(runtime, () -> "", List::of, List::of,
                    runtime::lineage, Optional.empty());
            assertThatThrownBy(() -> WeirHttpServer.start(HttpSettings.of("127.0.0.1", busy.getLocalPort()), sources))
                    .isInstanceOf(HttpStartException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + busy.getLocalPort() + " (address already in use)")
                    .matches(e -> ((HttpStartException) e).portInUse());
        }
    }
}
