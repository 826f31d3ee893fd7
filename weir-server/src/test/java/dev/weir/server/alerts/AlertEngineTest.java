package dev.weir.server.alerts;

import com.sun.net.httpserver.HttpServer;
import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.server.ProjectRuntime;
import dev.weir.server.observe.AlertState;
import dev.weir.server.observe.GroupLag;
import dev.weir.server.observe.LagStatus;
import dev.weir.server.observe.LagView;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alert rules judged on real pipelines on the embedded broker: dead letters make a rule fire and
 * then resolve, with events on the compacted alerts topic and at a real HTTP webhook.
 */
class AlertEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final LagView NO_LAG = List::of;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(T resource) {
        open.add(resource);
        return resource;
    }

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** A shop whose clean pipeline dead-letters payments that are not positive. */
    private void shop(String alerts) throws IOException {
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\nspec: { defaults: { partitions: 1 } }\n");
        write("topics/payments.yaml", "apiVersion: weir.dev/v1\nkind: Topic\nmetadata: { name: payments }\nspec: {}\n");
        write("pipelines/clean.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: clean, owner: payments-team }
                spec:
                  source: { topic: payments, key: id }
                  steps:
                    - validate:
                        rules: [ { name: positive, expr: "amount > 0" } ]
                  sink: { topic: payments-clean }
                """);
        write("alerts/rules.yaml", alerts);
    }

    private EmbeddedKafka broker() throws IOException {
        return opened(new EmbeddedKafka(EmbeddedKafka.Config.of(dir.resolve(".weir/kafka")).withPort(Clients.freePort())).start());
    }

    private ProjectRuntime runtime(Project project, EmbeddedKafka kafka) throws InterruptedException {
        List<CompiledPipeline> compiled = new PipelineCompiler().compileAll(project);
        ProjectRuntime runtime = opened(new ProjectRuntime(project, compiled, kafka.bootstrapServers(), Map.of(),
                dir.resolve(".weir/state"), false));
        runtime.start();
        return runtime;
    }

    private AlertEngine engine(Project project, ProjectRuntime runtime, LagView lag, EmbeddedKafka kafka,
                               AlertEngine.Settings settings) throws InterruptedException {
        return opened(new AlertEngine(project, runtime.runner()::running, lag, kafka.bootstrapServers(), Map.of(),
                settings)).start();
    }

    private static AlertEngine.Settings fast() {
        return AlertEngine.Settings.defaults().withTick(Duration.ofMillis(50))
                .withWebhooks(Duration.ofSeconds(5), 3, Duration.ofMillis(100));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Optional<AlertState> state(AlertEngine engine, String rule) {
        return engine.alerts().stream().filter(a -> a.rule().equals(rule)).findFirst();
    }

    private static boolean hasStatus(AlertEngine engine, String rule, AlertState.Status status) {
        return state(engine, rule).map(s -> s.status() == status).orElse(false);
    }

    private static AlertEvent event(ConsumerRecord<String, String> r) {
        try {
            return AlertEvent.parse(r.value().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("not an alert event: " + r.value(), e);
        }
    }

    /** An HTTP endpoint that answers 503 to its first request and 200 after, keeping every body. */
    private static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final AtomicInteger requests = new AtomicInteger();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hooks/T0K3N", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean json = "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
                int code = requests.incrementAndGet() == 1 ? 503 : json && "POST".equals(exchange.getRequestMethod()) ? 200 : 400;
                if (code == 200) {
                    bodies.add(body);
                }
                exchange.sendResponseHeaders(code, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T0K3N";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void deadLettersFireARuleThatResolvesWhenTheyStopWithEventsOnTheTopicAndTheWebhook() throws Exception {
        Receiver receiver = opened(new Receiver());
        shop("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: dead-letters-high, owner: payments-team }
                spec:
                  description: More than 5 payments a minute are dead-lettered
                  pipeline: clean
                  condition: deadLettersPerMinute > 5
                  for: 30s
                  severity: critical
                  notify: { webhook: "${env:HOOK}" }
                """);
        Project project = ProjectLoader.load(dir, Map.of("HOOK", receiver.url()));
        EmbeddedKafka kafka = broker();
        ProjectRuntime runtime = runtime(project, kafka);
        ManualClock clock = new ManualClock(T0);
        AlertEngine engine = engine(project, runtime, NO_LAG, kafka, fast().withClock(clock));
        await("the rule is judged", () -> hasStatus(engine, "dead-letters-high", AlertState.Status.OK));

        String[] bad = new String[40];
        for (int i = 0; i < 20; i++) {
            bad[2 * i] = "p-" + i;
            bad[2 * i + 1] = "{\"id\": \"p-" + i + "\", \"amount\": -1}";
        }
        Clients.produce(kafka.bootstrapServers(), "payments", bad);
        await("20 payments are dead-lettered",
                () -> runtime.runner().running().get(0).pipeline().metrics().dead() == 20);

        clock.advance(Duration.ofSeconds(10)); // 20 dead letters in 10s: 120 a minute
        await("the condition holds, not yet for 30s", () -> hasStatus(engine, "dead-letters-high", AlertState.Status.PENDING));

        clock.advance(Duration.ofSeconds(30)); // 20 in the 40s watched so far: 30 a minute
        await("the alert fires", () -> hasStatus(engine, "dead-letters-high", AlertState.Status.FIRING));
        AlertState firing = state(engine, "dead-letters-high").orElseThrow();
        assertThat(firing.since()).isEqualTo(T0.plusSeconds(40));
        assertThat(firing.value()).contains(30.0);
        assertThat(firing.message()).isEqualTo("clean: More than 5 payments a minute are dead-lettered (deadLettersPerMinute = 30)");

        List<ConsumerRecord<String, String>> fired = Clients.awaitContaining(kafka.bootstrapServers(), "_weir_alerts",
                "\"status\":\"firing\"", WAIT);
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).key()).isEqualTo("dead-letters-high/clean");
        AlertEvent e = event(fired.get(0));
        assertThat(e.rule()).isEqualTo("dead-letters-high");
        assertThat(e.pipeline()).isEqualTo("clean");
        assertThat(e.project()).isEqualTo("shop");
        assertThat(e.severity()).isEqualTo("critical");
        assertThat(e.condition()).isEqualTo("deadLettersPerMinute > 5");
        assertThat(e.value()).contains(30.0);
        assertThat(e.values()).isEqualTo(Map.of("deadLettersPerMinute", 30.0));
        assertThat(e.since()).as("when the condition began to hold").isEqualTo(T0.plusSeconds(10));
        assertThat(e.at()).isEqualTo(T0.plusSeconds(40));
        assertThat(e.owner()).contains("payments-team");
        assertThat(e.text()).isEqualTo("FIRING critical: dead-letters-high on clean (shop): "
                + "More than 5 payments a minute are dead-lettered (deadLettersPerMinute = 30)");

        await("the webhook got the firing event, the second time", () -> receiver.bodies.size() == 1);
        assertThat(receiver.bodies.get(0)).isEqualTo(fired.get(0).value()).contains("\"text\":\"FIRING critical:");

        clock.advance(Duration.ofMinutes(2)); // no dead letter in the last minute
        await("the alert resolves", () -> hasStatus(engine, "dead-letters-high", AlertState.Status.OK));
        List<ConsumerRecord<String, String>> resolved = Clients.awaitContaining(kafka.bootstrapServers(), "_weir_alerts",
                "\"status\":\"resolved\"", WAIT);
        assertThat(resolved).hasSize(1);
        AlertEvent r = event(resolved.get(0));
        assertThat(resolved.get(0).key()).isEqualTo("dead-letters-high/clean");
        assertThat(r.since()).isEqualTo(T0.plusSeconds(10));
        assertThat(r.at()).isEqualTo(T0.plusSeconds(160));
        assertThat(r.message()).isEqualTo("condition no longer holds (deadLettersPerMinute = 0)");
        assertThat(r.value()).contains(0.0);
        await("the webhook got the resolved event", () -> receiver.bodies.size() == 2);
        assertThat(receiver.bodies.get(1)).isEqualTo(resolved.get(0).value());
        assertThat(receiver.requests.get()).as("one 503, then one request per event").isEqualTo(3);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "_weir_alerts");
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
        assertThat(AlertTopic.current(Map.of("bootstrap.servers", kafka.bootstrapServers()), "_weir_alerts", WAIT)
                .orElseThrow()).extracting(AlertEvent::status).containsExactly(AlertEvent.Status.RESOLVED);
    }

    @Test
    void startingAgainResolvesWhatNoLongerHoldsAndWhatNoRuleJudgesAnyMore() throws Exception {
        shop("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: dead-letters-high }
                spec: { pipeline: clean, condition: deadLettersPerMinute > 5 }
                """);
        Project project = ProjectLoader.load(dir, Map.of());
        EmbeddedKafka kafka = broker();
        // What an earlier run left: two of this project's alerts firing, and one of another project.
        Instant before = Instant.now().minus(Duration.ofHours(1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                     new StringSerializer(), new StringSerializer())) {
            AlertTopic.ensure(admin, "_weir_alerts", (short) 1);
            for (AlertEvent e : List.of(firing("dead-letters-high", "shop", before), firing("renamed-rule", "shop", before),
                    firing("dead-letters-high", "other-shop", before))) {
                producer.send(new ProducerRecord<>("_weir_alerts", e.key() + (e.project().equals("shop") ? "" : "@other"),
                        e.toJson())).get();
            }
        }
        ProjectRuntime runtime = runtime(project, kafka);
        AlertEngine engine = engine(project, runtime, NO_LAG, kafka, fast());

        await("the alert found firing resolves", () -> hasStatus(engine, "dead-letters-high", AlertState.Status.OK));
        Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        await("both of the project's alerts are resolved on the topic", () -> AlertTopic.current(client, "_weir_alerts", WAIT)
                .orElseThrow().stream().filter(e -> e.project().equals("shop"))
                .allMatch(e -> e.status() == AlertEvent.Status.RESOLVED));
        List<AlertEvent> current = AlertTopic.current(client, "_weir_alerts", WAIT).orElseThrow();
        assertThat(current).extracting(e -> e.rule() + " " + e.project() + " " + e.status().word()).containsExactlyInAnyOrder(
                "dead-letters-high shop resolved", "renamed-rule shop resolved", "dead-letters-high other-shop firing");
        AlertEvent gone = current.stream().filter(e -> e.rule().equals("renamed-rule")).findFirst().orElseThrow();
        assertThat(gone.message()).contains("no longer has a rule 'renamed-rule'");
        assertThat(gone.since()).isEqualTo(before);
    }

    private static AlertEvent firing(String rule, String project, Instant since) {
        return new AlertEvent(rule, "clean", project, AlertEvent.Status.FIRING, "warning", Optional.empty(),
                "deadLettersPerMinute > 5", "condition holds", Optional.of(12.0), Map.of("deadLettersPerMinute", 12.0),
                since, since.plusSeconds(1), Optional.empty());
    }

    @Test
    void aRuleWithoutPipelineJudgesEachPipelineOnItsOwnLagByItsGroup() throws Exception {
        shop("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: lagging }
                spec:
                  condition: lagStatus != "OK" && lag > 10
                  severity: info
                  notify: { topic: ops-alerts }
                """);
        write("pipelines/audit.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: audit }
                spec:
                  source: { topic: payments }
                  sink: { topic: payments-audit }
                """);
        Project project = ProjectLoader.load(dir, Map.of());
        EmbeddedKafka kafka = broker();
        ProjectRuntime runtime = runtime(project, kafka);
        String cleanGroup = runtime.runner().running().stream().filter(r -> r.pipeline().name().equals("clean"))
                .findFirst().orElseThrow().pipeline().applicationId();
        LagView stalled = () -> List.of(new GroupLag(cleanGroup, LagStatus.STALL, 42, Instant.now(), List.of()));
        AlertEngine engine = engine(project, runtime, stalled, kafka, fast());

        List<ConsumerRecord<String, String>> fired = Clients.awaitContaining(kafka.bootstrapServers(), "ops-alerts",
                "\"status\":\"firing\"", WAIT);
        assertThat(fired).extracting(ConsumerRecord::key).containsExactly("lagging/clean");
        AlertEvent e = event(fired.get(0));
        assertThat(e.values()).isEqualTo(Map.of("lagStatus", "STALL", "lag", 42L));
        assertThat(e.value()).contains(42.0);
        assertThat(e.severity()).isEqualTo("info");
        assertThat(e.message()).isEqualTo("condition holds: lagStatus != \"OK\" && lag > 10 (lagStatus = STALL, lag = 42)");
        await("both pipelines are judged", () -> engine.alerts().size() == 2);
        assertThat(engine.alerts()).extracting(a -> a.message().split(":")[0] + " " + a.status())
                .containsExactly("audit OK", "clean FIRING");
    }
}
