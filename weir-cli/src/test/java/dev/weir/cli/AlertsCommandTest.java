package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import dev.weir.server.alerts.AlertEvent;
import dev.weir.server.alerts.AlertTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.weir.cli.CliTest.weir;
import static org.assertj.core.api.Assertions.assertThat;

/** weir alerts against the embedded broker, reading events as a running Weir writes them. */
class AlertsCommandTest {

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @BeforeAll
    static void brokerWithAlerts() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(dir.resolve("kafka")).withPort(Clients.freePort())).start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                     "enable.idempotence", "true"), new StringSerializer(), new StringSerializer())) {
            AlertTopic.ensure(admin, "_weir_alerts", (short) 1);
            for (AlertEvent e : List.of(
                    event("dead-letters-high", "score-transactions", "shop", AlertEvent.Status.FIRING, "warning", 0),
                    event("no-output", "score-transactions", "shop", AlertEvent.Status.FIRING, "critical", 60),
                    event("lagging", "audit", "shop", AlertEvent.Status.FIRING, "info", 120),
                    event("lagging", "audit", "shop", AlertEvent.Status.RESOLVED, "info", 180),
                    event("lagging", "orders", "warehouse", AlertEvent.Status.FIRING, "warning", 240))) {
                producer.send(new ProducerRecord<>("_weir_alerts", e.key() + (e.project().equals("shop") ? "" : "@warehouse"),
                        e.toJson())).get();
            }
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static AlertEvent event(String rule, String pipeline, String project, AlertEvent.Status status,
                                    String severity, int seconds) {
        Instant since = T.plusSeconds(seconds);
        return new AlertEvent(rule, pipeline, project, status, severity, Optional.empty(), "deadLettersPerMinute > 10",
                status == AlertEvent.Status.FIRING ? rule + " holds" : "condition no longer holds", Optional.of(12.0),
                Map.of("deadLettersPerMinute", 12.0), since, since.plusSeconds(30), Optional.empty());
    }

    @Test
    void printsWhatFiresNowMostSevereFirstAndTheLatestEventOfEachAlertOnly() {
        CliTest.Result r = weir("alerts", "-b", kafka.bootstrapServers());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("STATUS  SEVERITY  RULE").contains("PIPELINE", "PROJECT", "SINCE", "MESSAGE");
        assertThat(lines.get(1)).startsWith("FIRING  critical  no-output").contains("score-transactions", "shop",
                "2026-03-01T10:01:00Z", "no-output holds");
        assertThat(lines.get(2)).startsWith("FIRING  warning   dead-letters-high");
        assertThat(lines.get(3)).startsWith("FIRING  warning   lagging").contains("orders", "warehouse");
        assertThat(r.out()).doesNotContain("audit");
        assertThat(lines.get(4)).isEqualTo("3 firing (1 resolved; --all shows them), from topic _weir_alerts.");
    }

    @Test
    void allAlsoShowsResolvedAlertsAndProjectKeepsOneProject() {
        CliTest.Result r = weir("alerts", "--all", "--project", "shop", "-b", kafka.bootstrapServers());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("RESOLVED  info      lagging            audit")
                .contains("(resolved 2026-03-01T10:03:30Z)")
                .doesNotContain("warehouse")
                .endsWith("2 firing, 1 resolved in project shop, from topic _weir_alerts.\n");
    }

    @Test
    void jsonIsTheEventsAsOnTheTopic() throws Exception {
        CliTest.Result r = weir("alerts", "--format", "json", "--project", "shop", "-b", kafka.bootstrapServers());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode events = new ObjectMapper().readTree(r.out());
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("rule").asText()).isEqualTo("no-output");
        assertThat(events.get(0).get("status").asText()).isEqualTo("firing");
        assertThat(events.get(0).get("since").asText()).isEqualTo("2026-03-01T10:01:00Z");
        assertThat(events.get(0).get("values").get("deadLettersPerMinute").asDouble()).isEqualTo(12.0);
        assertThat(events.get(0).get("text").asText()).isEqualTo("FIRING critical: no-output on score-transactions (shop): no-output holds");
    }

    @Test
    void aTopicThatDoesNotExistMeansNoAlertsYet() {
        CliTest.Result r = weir("alerts", "--topic", "ops-alerts", "-b", kafka.bootstrapServers());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("No alerts yet: topic 'ops-alerts' does not exist.");
        assertThat(weir("alerts", "--topic", "ops-alerts", "--format", "json", "-b", kafka.bootstrapServers()).out())
                .isEqualTo("[]\n");
    }

    @Test
    void aClusterOutOfReachIsOneClearMessage() throws Exception {
        String nowhere = "127.0.0.1:" + Clients.freePort();
        CliTest.Result r = weir("alerts", "-b", nowhere, "--timeout", "2s");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.err()).startsWith("weir: cannot reach Kafka at " + nowhere + " within 2s").doesNotContain("\tat ");
    }

    @Test
    void helpExplainsWithExamples() {
        CliTest.Result r = weir("alerts", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Show which alerts fire now.", "--all", "--format", "--bootstrap-servers", "Examples:",
                "weir alerts --all --project fraud-detection", "${env:NAME}");
        assertThat(weir("--help").out()).contains("alerts");
    }
}
