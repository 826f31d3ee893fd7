package dev.weir.registry.check;

import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import dev.weir.registry.RegistryConfig;
import dev.weir.registry.RegistryServer;
import dev.weir.registry.core.CompatibilityLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Asking a real registry, with basic authentication, whether a local schema fits its subject. */
class RegistryCompatibilityTest {

    private static final String V1 = "{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"string\"}]}";
    private static final String V2_BREAKING = "{\"type\": \"record\", \"name\": \"Order\", \"fields\": ["
            + "{\"name\": \"id\", \"type\": \"string\"}, {\"name\": \"note\", \"type\": \"string\"}]}";
    private static final String V2_FINE = "{\"type\": \"record\", \"name\": \"Order\", \"fields\": ["
            + "{\"name\": \"id\", \"type\": \"string\"}, {\"name\": \"note\", \"type\": \"string\", \"default\": \"\"}]}";

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static RegistryServer server;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(dir.resolve("kafka")).withPort(Clients.freePort())).start();
        server = RegistryServer.start(RegistryConfig.of(kafka.bootstrapServers()).withPort(0)
                .withBasicAuth(Map.of("ci", "secret")));
        HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/subjects/orders-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ci:secret".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\": " + quote(V1) + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\\\"") + "\"";
    }

    private static LocalSchema orders(String subject, String schema) {
        return new LocalSchema(subject, "schemas/orders.avsc", "AVRO", schema, CompatibilityLevel.BACKWARD);
    }

    private static RegistryCompatibility registry(String user, String password) {
        return new RegistryCompatibility(server.url(), Optional.of(user), Optional.of(password));
    }

    @Test
    void aBreakingChangeIsIncompatibleWithTheRegistrysReasons() {
        SchemaChange change = registry("ci", "secret").check(orders("orders-value", V2_BREAKING));
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.INCOMPATIBLE);
        assertThat(change.problems()).anySatisfy(p -> assertThat(p).contains("note"));
    }

    @Test
    void aCompatibleChangePasses() {
        assertThat(registry("ci", "secret").check(orders("orders-value", V2_FINE)).outcome())
                .isEqualTo(SchemaChange.Outcome.COMPATIBLE);
    }

    @Test
    void aSubjectTheRegistryDoesNotKnowIsNoProblem() {
        // Weir's registry answers is_compatible for a new subject, as recent Confluent versions do;
        // older ones answer 404 (40401), which is read as "new subject" too.
        SchemaChange change = registry("ci", "secret").check(orders("payments-value", V1));
        assertThat(change.outcome()).isIn(SchemaChange.Outcome.COMPATIBLE, SchemaChange.Outcome.NOTHING_TO_COMPARE);
    }

    @Test
    void wrongCredentialsAreAFailureWithTheRegistrysAnswer() {
        SchemaChange change = registry("ci", "wrong").check(orders("orders-value", V2_FINE));
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.FAILED);
        assertThat(change.note().orElseThrow()).contains("401");
    }
}
