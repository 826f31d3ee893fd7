package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stateful pipeline (validate, enrich from a compacted table, count per key) survives SIGKILL at random moments:
 * with exactly-once, every input record shows up once in the output and every count is right; with at-least-once,
 * nothing is lost and the duplicates are counted and printed.
 *
 * <p>Short form by default; the long form: {@code -Dweir.faults.records=1000000 -Dweir.faults.kills=5}.
 */
class FaultExactlyOnceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = Integer.getInteger("weir.faults.records", 50_000);
    private static final int KILLS = Integer.getInteger("weir.faults.kills", 3);
    private static final long SEED = Long.getLong("weir.faults.seed", 20261122L);
    private static final int CUSTOMERS = 500;
    private static final String[] TIERS = {"gold", "silver", "bronze"};

    @TempDir
    Path tmp;

    @Test
    void killedAndRestartedTheOutputIsExactlyOnce() throws Exception {
        long started = System.nanoTime();
        Random rnd = new Random(SEED);
        Path project = FaultKit.project(tmp.resolve("eos"), Map.of(
                "weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: eos }\n",
                "topics/topics.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Topic
                        metadata: { name: orders }
                        spec: { partitions: 4 }
                        ---
                        apiVersion: weir.dev/v1
                        kind: Topic
                        metadata: { name: customers }
                        spec: { format: json, config: { cleanup.policy: compact } }
                        """,
                "pipelines/eos.yaml", pipeline("orders-eos", "exactly-once"),
                "pipelines/alos.yaml", pipeline("orders-alos", "at-least-once")));
        Path clientConfig = FaultKit.fastFailover(tmp);

        try (EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(tmp.resolve("kafka")).withPort(Clients.freePort())).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            String bootstrap = kafka.bootstrapServers();

            FaultKit.createTopic(admin, "orders", 4, Map.of());
            FaultKit.createTopic(admin, "customers", 1, Map.of("cleanup.policy", "compact"));
            // The table, then the orders: one in 97 has a wrong type and must be dead-lettered, never counted.
            List<ProducerRecord<String, byte[]>> customers = new ArrayList<>();
            for (int c = 0; c < CUSTOMERS; c++) {
                customers.add(record("customers", "c" + c, "{\"id\": \"c" + c + "\", \"tier\": \"" + TIERS[c % 3] + "\"}"));
            }
            FaultKit.produce(bootstrap, customers);
            Map<String, String> expectedTier = new HashMap<>();
            Map<String, Long> expectedCount = new HashMap<>();
            List<ProducerRecord<String, byte[]>> orders = new ArrayList<>(RECORDS);
            int invalid = 0;
            for (int i = 0; i < RECORDS; i++) {
                String customer = "c" + rnd.nextInt(CUSTOMERS);
                boolean bad = i % 97 == 13;
                String amount = bad ? "\"lots\"" : Integer.toString(1 + rnd.nextInt(1000));
                orders.add(record("orders", customer, "{\"id\": \"o" + i + "\", \"customer\": \"" + customer
                        + "\", \"amount\": " + amount + "}"));
                if (bad) {
                    invalid++;
                } else {
                    expectedTier.put("o" + i, TIERS[Integer.parseInt(customer.substring(1)) % 3]);
                    expectedCount.merge(customer, 1L, Long::sum);
                }
            }
            FaultKit.produce(bootstrap, orders);
            System.out.printf("[faults] %,d orders (%,d invalid) loaded in %.1f s%n", RECORDS, invalid, secondsSince(started));

            String[] args = {"run", project.toString(), "-b", bootstrap, "-c", clientConfig.toString(), "--status-interval", "1s"};
            WeirProcess weir = WeirProcess.start(tmp, args);
            try {
                for (int k = 0; k < KILLS; k++) {
                    weir.awaitLine(l -> l.contains("orders-eos") && l.contains("RUNNING"), Duration.ofSeconds(120));
                    long from = FaultKit.committed(admin, "weir-eos-orders-eos", "orders");
                    long target = from + (long) ((RECORDS - from) * (0.05 + 0.3 * rnd.nextDouble()));
                    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (FaultKit.committed(admin, "weir-eos-orders-eos", "orders") < target && System.nanoTime() < until) {
                        assertThat(weir.isAlive()).as("weir is running:\n%s", weir.output()).isTrue();
                        Thread.sleep(50);
                    }
                    Thread.sleep(rnd.nextInt(400));
                    weir.kill();
                    System.out.printf("[faults] kill %d at %,d of %,d committed (exactly-once) after %.1f s%n", k + 1,
                            FaultKit.committed(admin, "weir-eos-orders-eos", "orders"), RECORDS, secondsSince(started));
                    weir.close();
                    weir = WeirProcess.start(tmp, args);
                }
                Duration catchUp = Duration.ofSeconds(Math.max(120, RECORDS / 1000));
                FaultKit.awaitCaughtUp(admin, "weir-eos-orders-eos", "orders", catchUp, weir);
                FaultKit.awaitCaughtUp(admin, "weir-eos-orders-alos", "orders", catchUp, weir);
                assertThat(weir.stop(Duration.ofSeconds(60))).isIn(0, 143);
                assertThat(weir.output()).contains("Stopped cleanly.");
            } finally {
                weir.close();
            }

            // Exactly-once: each valid order once, with its customer's tier; each count's updates rise to the exact total.
            Map<String, Integer> eosSeen = check(bootstrap, "orders-eos", expectedTier, expectedCount);
            assertThat(eosSeen.values()).as("orders written twice under exactly-once").allMatch(n -> n == 1);
            List<ConsumerRecord<String, byte[]>> dead = FaultKit.readAll(bootstrap, "orders-eos-dlq");
            assertThat(dead).hasSize(invalid);

            // At-least-once: nothing lost; duplicates are possible and counted.
            Map<String, Integer> alosSeen = check(bootstrap, "orders-alos", expectedTier, null);
            long duplicates = alosSeen.values().stream().mapToLong(n -> n - 1).sum();
            long duplicatedOrders = alosSeen.values().stream().filter(n -> n > 1).count();
            System.out.printf("[faults] %,d records, %d kills: exactly-once 0 duplicates, 0 lost; at-least-once %,d duplicate"
                            + " records (%,d orders written more than once), 0 lost; %.1f s%n",
                    RECORDS, KILLS, duplicates, duplicatedOrders, secondsSince(started));
            assertThat(duplicates).isGreaterThanOrEqualTo(0);
        }
    }

    /** Checks the pipeline's enriched output and counts; returns how many times each order was written. */
    private static Map<String, Integer> check(String bootstrap, String pipeline, Map<String, String> expectedTier,
                                              Map<String, Long> expectedCount) throws Exception {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : FaultKit.readAll(bootstrap, pipeline + "-out")) {
            JsonNode v = JSON.readTree(r.value());
            String id = v.path("id").asText();
            assertThat(v.path("tier").asText()).as("tier of %s", id).isEqualTo(expectedTier.get(id));
            seen.merge(id, 1, Integer::sum);
        }
        FaultKit.assertSameSets("orders of " + pipeline, seen.keySet(), expectedTier.keySet());
        if (expectedCount != null) {
            Map<String, Long> last = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : FaultKit.readAll(bootstrap, pipeline + "-counts")) {
                long n = JSON.readTree(r.value()).path("n").asLong();
                Long before = last.put(r.key(), n);
                assertThat(n).as("count of %s after %s", r.key(), before).isGreaterThan(before == null ? 0 : before);
            }
            assertThat(last).as("final counts of " + pipeline).isEqualTo(expectedCount);
        }
        return seen;
    }

    private static String pipeline(String name, String guarantee) {
        return """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: NAME }
                spec:
                  source: { topic: orders, key: customer }
                  steps:
                    - validate: { required: [id, customer, amount], types: { amount: number } }
                    - enrich: { table: customers, key: customer, as: c, join: inner }
                    - map: { set: { tier: "c.tier" }, drop: [c] }
                    - aggregate: { groupBy: customer, compute: { n: "count()" }, to: NAME-counts }
                  sink: { topic: NAME-out }
                  errors: { deadLetterTopic: NAME-dlq }
                  processing: { guarantee: GUARANTEE }
                """.replace("NAME", name).replace("GUARANTEE", guarantee);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
