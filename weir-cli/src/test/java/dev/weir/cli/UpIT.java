package dev.weir.cli;

import dev.weir.engine.deadletter.DeadLetterHeaders;
import dev.weir.broker.Clients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code weir up} on the fraud-detection example, as a user runs it: a real process, plain Kafka clients. */
class UpIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;


    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void runsTheExampleAndPicksUpWhereItStoppedAfterARestart() throws Exception {
        Path project = WeirProcess.copyExample(tmp);
        int port = Clients.freePort();
        int registryPort = Clients.freePort();
        String bootstrap = "127.0.0.1:" + port;
        String suspicious = "{\"transaction_id\":\"t-it-1\",\"customer_id\":\"c-it\",\"merchant_id\":\"m-travel\","
                + "\"amount\":4200.0,\"currency\":\"EUR\",\"card_number\":\"4111111111111111\",\"country\":\"US\","
                + "\"ts\":\"2026-01-01T00:00:00Z\"}";
        String negative = suspicious.replace("t-it-1", "t-it-2").replace("4200.0", "-5");

        try (WeirProcess up = WeirProcess.start(tmp, "up", project.toString(), "--kafka-port", Integer.toString(port),
                "--registry-port", Integer.toString(registryPort), "--status-interval", "1s")) {
            up.awaitLine(l -> l.startsWith("Press Ctrl-C"), WAIT);
            assertThat(up.output()).contains("kafka       " + bootstrap).contains("created 6")
                    .contains("pipeline    score-transactions");
            up.awaitLine(l -> l.contains("score-transactions  RUNNING") && !l.contains("in         0 "), WAIT);

            Clients.produce(bootstrap, "customers", "c-it", "{\"customer_id\":\"c-it\",\"country\":\"DE\",\"name\":\"Test\"}");
            Thread.sleep(1000); // the global table reads the new customer
            Clients.produce(bootstrap, "transactions", "c-it", suspicious, "c-it", negative);

            List<ConsumerRecord<String, String>> alerts = Clients.awaitContaining(bootstrap, "fraud-alerts", "t-it-1", WAIT);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).value()).contains("\"customer\":{\"customer_id\":\"c-it\",\"country\":\"DE\"")
                    .contains("\"card_last4\":\"1111\"").doesNotContain("4111111111111111");

            ConsumerRecord<String, String> rejected = Clients.awaitContaining(bootstrap, "transactions-dlq", "t-it-2", WAIT).get(0);
            List<ConsumerRecord<String, String>> dead = Clients.read(bootstrap, "transactions-dlq", 2, WAIT);
            assertThat(header(rejected, DeadLetterHeaders.RULE)).isEqualTo("positive-amount");
            assertThat(header(rejected, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("transactions");
            assertThat(dead).as("the generator's deliberately bad records are dead-lettered too").hasSizeGreaterThan(1);

            int code = up.stop(WAIT);
            assertThat(up.output()).contains("Stopped cleanly.");
            assertThat(code).isIn(0, 143);
        }

        try (WeirProcess again = WeirProcess.start(tmp, "up", project.toString(), "--kafka-port", Integer.toString(port),
                "--registry-port", Integer.toString(registryPort), "--status-interval", "1s", "--no-generators")) {
            again.awaitLine(l -> l.startsWith("Press Ctrl-C"), WAIT);
            assertThat(again.output()).as("the topics are found again").doesNotContain("created");
            again.awaitLine(l -> l.contains("score-transactions  RUNNING"), WAIT);
            Thread.sleep(3000);
            assertThat(Clients.awaitContaining(bootstrap, "transactions", "t-it-1", WAIT)).hasSize(1);
            List<ConsumerRecord<String, String>> alerts = Clients.awaitContaining(bootstrap, "fraud-alerts", "t-it-1", WAIT);
            assertThat(alerts).as("committed offsets are kept: nothing is processed twice").hasSize(1);
            again.stop(WAIT);
            assertThat(again.output()).contains("Stopped cleanly.");
        }
    }
}
