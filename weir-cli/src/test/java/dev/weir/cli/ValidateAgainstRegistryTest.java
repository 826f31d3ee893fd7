package dev.weir.cli;

import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import dev.weir.cli.CliTest.Result;
import dev.weir.registry.RegistryConfig;
import dev.weir.registry.RegistryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.weir.cli.CliTest.weir;
import static org.assertj.core.api.Assertions.assertThat;

/** weir validate asks a real registry, on a real broker, whether each topic schema may be registered. */
class ValidateAgainstRegistryTest {

    private static final String V1 = "{\"type\": \"record\", \"name\": \"Order\", \"fields\": ["
            + "{\"name\": \"id\", \"type\": \"string\"}, {\"name\": \"total\", \"type\": \"double\"}]}";

    @TempDir
    static Path shared;

    static EmbeddedKafka kafka;
    static RegistryServer registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(shared.resolve("kafka")).withPort(Clients.freePort())).start();
        registry = RegistryServer.start(RegistryConfig.of(kafka.bootstrapServers()).withPort(0));
        HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(registry.url() + "/subjects/orders-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\": " + quote(V1) + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** A project of one avro topic, orders, whose schema file is v1 with {@code fields} added. */
    @BeforeEach
    void project() throws IOException {
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n");
        write("topics/orders.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: orders }
                spec: { format: avro, schema: schemas/orders.avsc }
                """);
        write("generators/orders.yaml", """
                apiVersion: weir.dev/v1
                kind: Generator
                metadata: { name: orders }
                spec:
                  topic: orders
                  count: 1
                  fields: { id: { uuid: {} } }
                """);
        orders("");
    }

    private void orders(String addedField) throws IOException {
        write("schemas/orders.avsc", addedField.isEmpty() ? V1 : V1.replace("]}", ", " + addedField + "]}"));
    }

    @Test
    void anIncompatibleSchemaExits2WithTheRegistrysMessage() throws IOException {
        orders("{\"name\": \"note\", \"type\": \"string\"}");
        Result r = weir("validate", dir.toString(), "--registry-url", registry.url());
        assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).startsWith("topics/orders.yaml:4:31: error: schemas/orders.avsc is not compatible with the "
                + "latest version of orders-value in the registry at " + registry.url() + "/ (level BACKWARD): the new "
                + "schema cannot read data written with version 1: field 'note'");
        assertThat(r.out()).endsWith("1 error\n");
    }

    @Test
    void aCompatibleSchemaIsValid() throws IOException {
        orders("{\"name\": \"note\", \"type\": \"string\", \"default\": \"\"}");
        Result r = weir("validate", dir.toString(), "--registry-url", registry.url(), "--verbose");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("schemas/orders.avsc: compatible with the registry at " + registry.url() + "/\n");
    }

    @Test
    void theRegistryInWeirYamlIsAskedToo() throws IOException {
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n"
                + "spec: { registry: { url: " + registry.url() + " } }\n");
        orders("{\"name\": \"note\", \"type\": \"string\"}");
        assertThat(weir("validate", dir.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(weir("validate", dir.toString(), "--offline").exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void anUnreachableRegistryGivenOnTheCommandLineIsAnError() throws IOException {
        Result r = weir("validate", dir.toString(), "--registry-url", "http://127.0.0.1:" + Clients.freePort());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).startsWith("--registry-url: error: cannot reach the registry at http://127.0.0.1:");
    }

    @Test
    void anUnreachableRegistryFromWeirYamlIsAWarning() throws IOException {
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n"
                + "spec: { registry: { url: \"http://127.0.0.1:" + Clients.freePort() + "\" } }\n");
        Result r = weir("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("weir.yaml:4:19: warning: registry not reachable, checked against git only\n"
                + "    hint: cannot reach the registry at http://127.0.0.1:");
    }
}
