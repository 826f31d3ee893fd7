package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.broker.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code weir up} with a third-party Confluent client: kafkajs and {@code @kafkajs/confluent-schema-registry}
 * in Node.js (interop/confluent-js). The client registers its schemas in Weir's registry, writes records in the
 * Confluent wire format to Weir's broker; Weir's pipelines read them, and the client decodes what Weir wrote,
 * by the ids of the schemas Weir registered. Avro, JSON Schema and Protobuf.
 */
class ConfluentClientInteropIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the pipelines write for payments 2 to 5 of produce.mjs (payment 1, of 50.25, is filtered out), as Avro. */
    private static final List<String> BIG_PAYMENTS = List.of(
            """
            {"id":"p-2","customer":"c-2","amount":100.25,"amount_cents":10025,"currency":"GBP","ts":1767225602000,
             "tags":["even","n2"],"note":"note 2","tier":"medium"}""",
            """
            {"id":"p-3","customer":"c-0","amount":150.25,"amount_cents":15025,"currency":"EUR","ts":1767225603000,
             "tags":["n3"],"note":null,"tier":"medium"}""",
            """
            {"id":"p-4","customer":"c-1","amount":200.25,"amount_cents":20025,"currency":"USD","ts":1767225604000,
             "tags":["even","n4"],"note":"note 4","tier":"large"}""",
            """
            {"id":"p-5","customer":"c-2","amount":250.25,"amount_cents":25025,"currency":"GBP","ts":1767225605000,
             "tags":["n5"],"note":null,"tier":"large"}""");

    private static final String PAYMENT_BIG_AVSC = """
            {"type": "record", "name": "BigPayment", "namespace": "dev.weir.interop", "fields": [
              {"name": "id", "type": "string"},
              {"name": "customer", "type": "string"},
              {"name": "amount", "type": "double"},
              {"name": "amount_cents", "type": "long"},
              {"name": "currency", "type": {"type": "enum", "name": "Currency", "symbols": ["EUR", "USD", "GBP"]}},
              {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "tier", "type": "string"}]}
            """;
    private static final String PAYMENT_BIG_SCHEMA_JSON = """
            {"$schema": "http://json-schema.org/draft-07/schema#", "title": "BigPayment", "type": "object",
             "properties": {"id": {"type": "string"}, "customer": {"type": "string"}, "amount": {"type": "number"},
               "amount_cents": {"type": "integer"}, "currency": {"type": "string", "enum": ["EUR", "USD", "GBP"]},
               "ts": {"type": "integer"}, "tags": {"type": "array", "items": {"type": "string"}},
               "note": {"type": "string"}, "tier": {"type": "string", "enum": ["medium", "large"]}},
             "required": ["id", "customer", "amount", "amount_cents", "currency", "ts", "tags", "tier"],
             "additionalProperties": false}
            """;
    private static final String PAYMENT_BIG_PROTO = """
            syntax = "proto3";
            package weir.interop;

            message BigPayment {
              string id = 1;
              string customer = 2;
              double amount = 3;
              int64 amount_cents = 4;
              Currency currency = 5;
              int64 ts = 6;
              repeated string tags = 7;
              optional string note = 8;
              string tier = 9;
            }

            enum Currency {
              EUR = 0;
              USD = 1;
              GBP = 2;
            }
            """;

    /** One variant: the client's --format, Weir's format, the topics, and the schema files. */
    private record Variant(String clientFormat, String weirFormat, String topic, String schemaType,
                           String inputSchema, String outputSchema, String outputSchemaText) {
        String bigTopic() {
            return topic + "-big";
        }

        String pipeline() {
            return "big-" + topic;
        }
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("avro", "avro", "payments", "AVRO", "payment.avsc", "payment-big.avsc", PAYMENT_BIG_AVSC),
            new Variant("json", "json-schema", "payments-json", "JSON", "payment.schema.json", "payment-big.schema.json",
                    PAYMENT_BIG_SCHEMA_JSON),
            new Variant("protobuf", "protobuf", "payments-pb", "PROTOBUF", "payment.proto", "payment-big.proto",
                    PAYMENT_BIG_PROTO));

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aConfluentClientWritesWhatWeirReadsAndReadsWhatWeirWrites() throws Exception {
        Path client = clientDir();
        Path project = writeProject(client.resolve("schemas"));
        int kafkaPort = Clients.freePort();
        int registryPort = Clients.freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String registry = "http://127.0.0.1:" + registryPort;

        try (WeirProcess up = WeirProcess.start(tmp, "up", project.toString(), "--kafka-port", Integer.toString(kafkaPort),
                "--registry-port", Integer.toString(registryPort), "--status-interval", "1s")) {
            up.awaitLine(l -> l.startsWith("Press Ctrl-C"), WAIT);
            for (Variant v : VARIANTS) {
                up.awaitLine(l -> l.contains(" " + v.pipeline() + " ") && l.contains("RUNNING"), WAIT);
            }

            for (Variant v : VARIANTS) {
                NodeRun produced = node(client, "produce.mjs", bootstrap, registry, v.topic(), "5", "--format", v.clientFormat());
                assertThat(produced.stdout()).as(v.clientFormat()).contains("registered " + v.topic() + "-value id ");
                assertThat(produced.stdout().lines().filter(l -> l.startsWith("sent "))).hasSize(5);
                int inputId = Integer.parseInt(produced.stdout().lines().filter(l -> l.startsWith("registered ")).findFirst()
                        .orElseThrow().replaceAll(".* id ", ""));
                assertThat(latest(registry, v.topic() + "-value").get("id").asInt())
                        .as("the id the client was given is the subject's latest").isEqualTo(inputId);
            }

            for (Variant v : VARIANTS) {
                NodeRun consumed = node(client, "consume.mjs", bootstrap, registry, v.bigTopic(), "4", "--timeout-ms", "40000");
                List<JsonNode> lines = new ArrayList<>();
                for (String line : consumed.stdout().lines().toList()) {
                    lines.add(JSON.readTree(line));
                }
                lines.sort(Comparator.comparing(n -> n.get("value").get("id").asText()));

                JsonNode outputSchema = latest(registry, v.bigTopic() + "-value");
                List<JsonNode> values = new ArrayList<>();
                for (JsonNode line : lines) {
                    assertThat(line.get("schemaId").asInt()).as("%s: written with the schema Weir registered for %s",
                            v.clientFormat(), v.bigTopic()).isEqualTo(outputSchema.get("id").asInt());
                    assertThat(line.get("key").asText()).as("the record key is kept")
                            .isEqualTo(line.get("value").get("customer").asText());
                    values.add(line.get("value"));
                }
                assertThat(values).as("%s records decoded by the client from %s", v.clientFormat(), v.bigTopic())
                        .containsExactlyElementsOf(expected(v));
            }

            for (Variant v : VARIANTS) {
                // Every record was read, four written, none dead-lettered.
                Pattern counts = Pattern.compile(" " + Pattern.quote(v.pipeline())
                        + " +RUNNING +in +5 .*out +4 .*dead-lettered +0$");
                up.awaitLine(l -> counts.matcher(l).find(), WAIT);
            }

            JsonNode subjects = get(registry, "/subjects");
            for (Variant v : VARIANTS) {
                for (String subject : List.of(v.topic() + "-value", v.bigTopic() + "-value")) {
                    assertThat(subjects).as("subjects").anyMatch(s -> s.asText().equals(subject));
                    JsonNode version = latest(registry, subject);
                    // As in Confluent's registry, schemaType is left out for AVRO.
                    String type = version.has("schemaType") ? version.get("schemaType").asText() : "AVRO";
                    assertThat(type).as(subject).isEqualTo(v.schemaType());
                    assertThat(version.get("schema").asText()).as(subject)
                            .contains(subject.startsWith(v.bigTopic()) ? "BigPayment" : "Payment");
                }
                assertThat(get(registry, "/config/" + v.topic() + "-value").get("compatibilityLevel").asText())
                        .as("the level the client set when it first registered").isEqualTo("BACKWARD");
            }

            assertThat(up.stop(WAIT)).isIn(0, 143);
            assertThat(up.output()).contains("Stopped cleanly.");
        }
    }

    /** The records the client should decode from a variant's output topic, as that client shows them. */
    private static List<JsonNode> expected(Variant v) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String text : BIG_PAYMENTS) {
            ObjectNode record = (ObjectNode) JSON.readTree(text);
            if (!v.clientFormat().equals("avro") && record.get("note").isNull()) {
                record.remove("note"); // not written: absent in JSON, an unset optional field in Protobuf
            }
            if (v.clientFormat().equals("protobuf")) {
                // protobufjs, under this client, names fields in camelCase
                JsonNode cents = record.remove("amount_cents");
                record.set("amountCents", cents);
            }
            out.add(record);
        }
        return out;
    }

    private Path writeProject(Path clientSchemas) throws IOException {
        Path project = tmp.resolve("interop");
        Files.createDirectories(project.resolve("schemas"));
        Files.createDirectories(project.resolve("topics"));
        Files.createDirectories(project.resolve("pipelines"));
        Files.writeString(project.resolve("weir.yaml"), """
                apiVersion: weir.dev/v1
                kind: Project
                metadata: { name: interop }
                spec:
                  defaults: { partitions: 1, replicationFactor: 1 }
                """);
        for (Variant v : VARIANTS) {
            // The topic declares the very schema the client registers.
            Files.copy(clientSchemas.resolve(v.inputSchema()), project.resolve("schemas").resolve(v.inputSchema()));
            Files.writeString(project.resolve("schemas").resolve(v.outputSchema()), v.outputSchemaText());
            Files.writeString(project.resolve("topics").resolve(v.topic() + ".yaml"), """
                    apiVersion: weir.dev/v1
                    kind: Topic
                    metadata: { name: %1$s }
                    spec: { format: %2$s, schema: schemas/%3$s }
                    ---
                    apiVersion: weir.dev/v1
                    kind: Topic
                    metadata: { name: %1$s-big }
                    spec: { format: %2$s, schema: schemas/%4$s }
                    """.formatted(v.topic(), v.weirFormat(), v.inputSchema(), v.outputSchema()));
            Files.writeString(project.resolve("pipelines").resolve(v.pipeline() + ".yaml"), """
                    apiVersion: weir.dev/v1
                    kind: Pipeline
                    metadata: { name: %1$s }
                    spec:
                      source: { topic: %2$s, format: %3$s }
                      steps:
                        - filter: "amount >= 100.0"
                        - map:
                            set:
                              amount_cents: "int(amount * 100.0)"
                              tier: "amount >= 200.0 ? 'large' : 'medium'"
                      sink: { topic: %2$s-big, format: %3$s }
                    """.formatted(v.pipeline(), v.topic(), v.weirFormat()));
        }
        return project;
    }

    // --- the Node.js client ---

    private record NodeRun(String stdout, String stderr) {
    }

    /** interop/confluent-js, with its packages installed; fails (never skips) when they are not. */
    private static Path clientDir() throws Exception {
        String repo = System.getProperty("weir.repo");
        Path root = repo != null ? Path.of(repo) : Path.of(System.getProperty("weir.examples")).getParent();
        Path dir = root.toAbsolutePath().normalize().resolve("interop/confluent-js");
        String install = "run 'npm ci' in " + dir + " (Node.js 20 or later)";
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("'node --version' failed (" + version + "): this test needs Node.js; then " + install);
            }
        } catch (IOException e) {
            fail("Node.js ('node') is not on the PATH: this test runs a Node.js Confluent client; install Node.js, then "
                    + install);
        }
        for (String pkg : List.of("kafkajs", "@kafkajs/confluent-schema-registry")) {
            if (!Files.isRegularFile(dir.resolve("node_modules").resolve(pkg).resolve("package.json"))) {
                fail("the Node.js client's packages are not installed (" + pkg + " is missing): " + install);
            }
        }
        return dir;
    }

    private NodeRun node(Path dir, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "node", ".out");
        Path err = Files.createTempFile(tmp, "node", ".err");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean done = p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        NodeRun run = new NodeRun(Files.readString(out), Files.readString(err));
        if (!done || p.exitValue() != 0) {
            fail(String.join(" ", command) + (done ? " exited with " + p.exitValue() : " did not finish within " + WAIT)
                    + "\nstdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr());
        }
        return run;
    }

    // --- the registry's REST API ---

    private JsonNode latest(String registry, String subject) throws Exception {
        return get(registry, "/subjects/" + subject + "/versions/latest");
    }

    private JsonNode get(String registry, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(registry + path))
                .header("Accept", "application/vnd.schemaregistry.v1+json").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
