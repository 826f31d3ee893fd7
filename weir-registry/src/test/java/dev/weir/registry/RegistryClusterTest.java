package dev.weir.registry;

import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static dev.weir.registry.RegistryClient.schemaBody;
import static dev.weir.registry.Schemas.field;
import static dev.weir.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

/** Registry processes sharing one topic: restarts, two writers at once, a read-only follower, authentication. */
class RegistryClusterTest {

    @TempDir
    static Path dir;

    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(dir.resolve("kafka")).withPort(Clients.freePort())).start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static RegistryConfig config(String topic) {
        return RegistryConfig.of(kafka.bootstrapServers()).withPort(0).withTopic(topic);
    }

    @Test
    void aRestartKeepsEverySchemaAndIdAndHandsOutNoIdTwice() {
        Map<String, Integer> ids = new HashMap<>();
        String gone = record("Gone", field("g", "int"));
        try (RegistryServer first = RegistryServer.start(config("restart"))) {
            RegistryClient client = new RegistryClient(first.url());
            ids.put("a", client.register("orders-value", record("Order", field("a", "int"))));
            ids.put("b", client.register("orders-value", record("Order", field("a", "int"), field("b", "int", "0"))));
            ids.put("c", client.register("payments-value", record("Payment", field("c", "int"))));
            ids.put("gone", client.register("gone-value", gone));
            client.delete("/subjects/gone-value");
            client.delete("/subjects/gone-value?permanent=true");
            client.delete("/subjects/orders-value/versions/1");
            client.put("/config/payments-value", "{\"compatibility\":\"FULL\"}");
        }

        try (RegistryServer second = RegistryServer.start(config("restart"))) {
            RegistryClient client = new RegistryClient(second.url());
            assertThat(client.get("/subjects/orders-value/versions/2").json().get("id").asInt()).isEqualTo(ids.get("b"));
            assertThat(client.get("/subjects/orders-value/versions?deleted=true").json().toString()).isEqualTo("[1,2]");
            assertThat(client.get("/subjects/orders-value/versions").json().toString()).isEqualTo("[2]");
            assertThat(client.get("/schemas/ids/" + ids.get("c") + "/subjects").json().toString()).isEqualTo("[\"payments-value\"]");
            assertThat(client.get("/config/payments-value").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(client.get("/subjects?deleted=true").json().toString()).doesNotContain("gone-value");

            assertThat(client.register("gone-value", gone)).as("a schema keeps its id, even after a permanent delete")
                    .isEqualTo(ids.get("gone"));
            assertThat(client.register("new-value", record("New", field("n", "int"))))
                    .as("a new schema gets an id above every id handed out before").isGreaterThan(ids.get("gone"));
        }
    }

    @Test
    void twoRegistriesOnOneTopicSeeEachOthersSchemas() {
        try (RegistryServer a = RegistryServer.start(config("shared"));
             RegistryServer b = RegistryServer.start(config("shared"))) {
            RegistryClient clientA = new RegistryClient(a.url());
            RegistryClient clientB = new RegistryClient(b.url());

            int fromA = clientA.register("from-a", record("A", field("a", "int")));
            await(() -> clientB.get("/schemas/ids/" + fromA).status() == 200);
            int fromB = clientB.register("from-b", record("B", field("b", "int")));
            await(() -> clientA.get("/subjects/from-b/versions/1").status() == 200);

            assertThat(clientA.get("/subjects/from-b/versions/1").json().get("id").asInt()).isEqualTo(fromB);
            assertThat(clientB.register("from-a", record("A", field("a", "int")))).isEqualTo(fromA);
            assertThat(clientB.register("other", record("A", field("a", "int")))).as("one id per schema").isEqualTo(fromA);
        }
    }

    @Test
    void concurrentRegistrationsOnTwoRegistriesNeverShareAnId() throws Exception {
        int perRegistry = 12;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (RegistryServer a = RegistryServer.start(config("concurrent"));
             RegistryServer b = RegistryServer.start(config("concurrent"))) {
            List<RegistryClient> clients = List.of(new RegistryClient(a.url()), new RegistryClient(b.url()));
            new RegistryClient(a.url()).put("/config", "{\"compatibility\":\"NONE\"}");
            Map<Integer, String> schemaById = new ConcurrentHashMap<>();
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < perRegistry * 2; i++) {
                RegistryClient client = clients.get(i % 2);
                String schema = record("S" + i, field("f" + i, "int"));
                String subject = i % 3 == 0 ? "together" : "alone-" + i;
                calls.add(pool.submit(() -> {
                    int id = client.register(subject, schema);
                    assertThat(schemaById.put(id, schema)).as("id " + id + " handed out twice").isNull();
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }

            assertThat(schemaById).hasSize(perRegistry * 2);
            for (RegistryClient client : clients) {
                for (Map.Entry<Integer, String> e : schemaById.entrySet()) {
                    await(() -> client.get("/schemas/ids/" + e.getKey()).status() == 200);
                    assertThat(client.get("/schemas/ids/" + e.getKey() + "/schema").body()).isEqualTo(e.getValue());
                }
                assertThat(client.get("/subjects/together/versions").json().toString()).isEqualTo("[1,2,3,4,5,6,7,8]");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReadOnlyFollowerServesReadsAndRefusesChanges() {
        try (RegistryServer writer = RegistryServer.start(config("follow"));
             RegistryServer follower = RegistryServer.start(config("follow").withReadOnly(true))) {
            int id = new RegistryClient(writer.url()).register("followed", record("F", field("f", "int")));
            RegistryClient client = new RegistryClient(follower.url());
            await(() -> client.get("/schemas/ids/" + id).status() == 200);

            assertThat(client.register("followed", record("F", field("f", "int")))).isEqualTo(id);
            RegistryClient.Reply refused = client.post("/subjects/followed/versions", schemaBody(record("G", field("g", "int"))));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.errorCode()).isEqualTo(42205);
            assertThat(client.delete("/subjects/followed").errorCode()).isEqualTo(42205);
            assertThat(client.put("/config", "{\"compatibility\":\"NONE\"}").errorCode()).isEqualTo(42205);
        }
    }

    @Test
    void basicAuthenticationRefusesRequestsWithoutTheRightPassword() {
        try (RegistryServer server = RegistryServer.start(config("auth").withBasicAuth(Map.of("alice", "s3cret")))) {
            RegistryClient anonymous = new RegistryClient(server.url());
            RegistryClient.Reply refused = anonymous.get("/subjects");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo(401);
            assertThat(refused.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(anonymous.withBasicAuth("alice", "wrong").get("/subjects").status()).isEqualTo(401);
            assertThat(anonymous.withBasicAuth("bob", "s3cret").get("/subjects").status()).isEqualTo(401);

            RegistryClient alice = anonymous.withBasicAuth("alice", "s3cret");
            assertThat(alice.get("/subjects").status()).isEqualTo(200);
            assertThat(alice.register("authed", record("A", field("a", "int")))).isPositive();
        }
    }

    private static void await(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
