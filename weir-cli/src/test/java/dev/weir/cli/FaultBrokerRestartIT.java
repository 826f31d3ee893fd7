package dev.weir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker goes away in the middle of a run and comes back on the same data and port: the {@code weir run} process
 * stays up, records produced before and after flow through, and the exactly-once output has each record once.
 */
class FaultBrokerRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 20_000;

    @TempDir
    Path tmp;

    @Test
    void pipelinesRideOutABrokerRestart() throws Exception {
        long started = System.nanoTime();
        Path project = FaultKit.project(tmp.resolve("restart"), Map.of(
                "weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: restart }\n",
                "topics/topics.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Topic
                        metadata: { name: events }
                        spec: { partitions: 2 }
                        """,
                "pipelines/count.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Pipeline
                        metadata: { name: count }
                        spec:
                          source: { topic: events, key: user }
                          steps:
                            - filter: "n >= 0"
                            - aggregate: { groupBy: user, compute: { n: "count()" }, to: event-counts }
                          sink: { topic: events-out }
                        """));
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(tmp.resolve("kafka")).withPort(Clients.freePort());
        EmbeddedKafka kafka = new EmbeddedKafka(config).start();
        String bootstrap = kafka.bootstrapServers();
        Map<String, Long> expectedCount = new HashMap<>();
        Set<String> expectedIds = new HashSet<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            FaultKit.createTopic(admin, "events", 2, Map.of());
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             WeirProcess weir = WeirProcess.start(tmp, "run", project.toString(), "-b", bootstrap,
                     "-c", FaultKit.fastFailover(tmp).toString(), "--status-interval", "1s")) {
            weir.awaitLine(l -> l.contains("count") && l.contains("RUNNING"), Duration.ofSeconds(90));

            // First batch; the broker stops while the pipeline is in the middle of it.
            FaultKit.produce(bootstrap, batch(0, expectedIds, expectedCount));
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (FaultKit.committed(admin, "weir-restart-count", "events") < BATCH / 5 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            kafka.close();
            System.out.printf("[faults] broker stopped after %.1f s%n", (System.nanoTime() - started) / 1e9);
            Thread.sleep(5000);
            assertThat(weir.isAlive()).as("weir with the broker gone:\n%s", weir.output()).isTrue();

            kafka = new EmbeddedKafka(config).start();
            int linesAtRestart = weir.lineCount();
            System.out.printf("[faults] broker back after %.1f s%n", (System.nanoTime() - started) / 1e9);

            // Second batch, after the restart.
            FaultKit.produce(bootstrap, batch(1, expectedIds, expectedCount));
            FaultKit.awaitCaughtUp(admin, "weir-restart-count", "events", Duration.ofSeconds(120), weir);
            weir.awaitLineAfter(linesAtRestart, l -> l.contains("count") && l.contains("RUNNING"), Duration.ofSeconds(30));
            assertThat(weir.isAlive()).isTrue();

            List<String> ids = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : FaultKit.readAll(bootstrap, "events-out")) {
                ids.add(JSON.readTree(r.value()).path("id").asText());
            }
            assertThat(ids).hasSize(expectedIds.size());
            FaultKit.assertSameSets("events", new HashSet<>(ids), expectedIds);
            Map<String, Long> last = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : FaultKit.readAll(bootstrap, "event-counts")) {
                long n = JSON.readTree(r.value()).path("n").asLong();
                Long before = last.put(r.key(), n);
                assertThat(n).as("count of %s after %s", r.key(), before).isGreaterThan(before == null ? 0 : before);
            }
            assertThat(last).isEqualTo(expectedCount);
            assertThat(weir.stop(Duration.ofSeconds(60))).isIn(0, 143);
            assertThat(weir.output()).contains("Stopped cleanly.");
            System.out.printf("[faults] broker restart: %,d records exactly once in %.1f s%n", expectedIds.size(),
                    (System.nanoTime() - started) / 1e9);
        } finally {
            kafka.close();
        }
    }

    private static List<ProducerRecord<String, byte[]>> batch(int b, Set<String> ids, Map<String, Long> counts) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String id = "e" + b + "-" + i;
            String user = "u" + (i % 100);
            records.add(new ProducerRecord<>("events", user,
                    ("{\"id\": \"" + id + "\", \"user\": \"" + user + "\", \"n\": " + i + "}").getBytes(StandardCharsets.UTF_8)));
            ids.add(id);
            counts.merge(user, 1L, Long::sum);
        }
        return records;
    }
}
