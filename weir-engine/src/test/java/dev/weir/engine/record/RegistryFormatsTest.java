package dev.weir.engine.record;

import dev.weir.engine.PipelineHarness;
import dev.weir.engine.deadletter.DeadLetterHeaders;
import dev.weir.engine.schema.AvroCodec;
import dev.weir.engine.schema.InMemorySchemas;
import dev.weir.engine.schema.JsonSchemaCodec;
import dev.weir.engine.schema.ProtobufCodec;
import dev.weir.engine.schema.WireFormat;
import dev.weir.spec.SpecException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pipelines reading and writing avro, json-schema and protobuf topics, with their schemas registered. */
class RegistryFormatsTest {

    private static final String PAYMENT_AVSC = """
            {"type": "record", "name": "Payment", "fields": [
              {"name": "id", "type": "string"}, {"name": "amount", "type": "double"}]}""";
    private static final String PAYMENT_OUT_AVSC = """
            {"type": "record", "name": "PaymentOut", "fields": [
              {"name": "id", "type": "string"}, {"name": "amount", "type": "double"}, {"name": "cents", "type": "long"}]}""";

    @TempDir
    Path dir;

    private final InMemorySchemas registry = new InMemorySchemas();

    private static String topic(String name, String format, String schema) {
        return """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: %s }
                spec: { format: %s, schema: %s }
                ---
                """.formatted(name, format, schema);
    }

    private static Map<String, Object> payment(String id, double amount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("amount", amount);
        return m;
    }

    @Test
    void avroInAvroOutWithSchemasRegisteredUnderTheTopicSubjects() throws Exception {
        Map<String, String> files = Map.of(
                "schemas/payment.avsc", PAYMENT_AVSC, "schemas/payment-out.avsc", PAYMENT_OUT_AVSC,
                "topics/t.yaml", topic("payments", "avro", "schemas/payment.avsc") + topic("out", "avro", "schemas/payment-out.avsc")
                        .replace("---\n", ""),
                "pipelines/p.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Pipeline
                        metadata: { name: avro }
                        spec:
                          source: { topic: payments, format: avro }
                          steps:
                            - map: { set: { cents: "int(amount * 100.0)" } }
                            - filter: "cents > 0"
                          sink: { topic: out, format: avro }
                        """);
        AvroCodec writer = new AvroCodec(registry);
        try (var h = PipelineHarness.of(dir, "avro", files, Optional.of(registry))) {
            h.bytesInput("payments").pipeInput("k1", writer.encode(payment("p-1", 12.5), "payments-value", AvroCodec.parse(PAYMENT_AVSC)));
            h.bytesInput("payments").pipeInput("k2", "{\"id\": \"not avro\"}".getBytes());
            List<TestRecord<String, byte[]>> out = h.readBytes("out");
            assertThat(out).hasSize(1);
            assertThat(new AvroCodec(registry).decode(out.get(0).value()))
                    .isEqualTo(Map.of("id", "p-1", "amount", 12.5, "cents", 1250L));
            assertThat(registry.byId(WireFormat.schemaId(out.get(0).value())).schema()).contains("PaymentOut");
            TestRecord<String, String> dead = h.read("avro-dlq").get(0);
            assertThat(dead.key()).isEqualTo("k2");
            assertThat(PipelineHarness.headers(dead).get(DeadLetterHeaders.ERROR)).startsWith("cannot decode avro");
        }
    }

    @Test
    void aRecordThatDoesNotFitTheSinkSchemaIsDeadLetteredNotFatal() throws Exception {
        Map<String, String> files = Map.of(
                "schemas/payment-out.avsc", PAYMENT_OUT_AVSC,
                "topics/t.yaml", topic("out", "avro", "schemas/payment-out.avsc").replace("---\n", ""),
                "pipelines/p.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Pipeline
                        metadata: { name: strict }
                        spec:
                          source: { topic: in }
                          sink: { topic: out, format: avro }
                        """);
        try (var h = PipelineHarness.of(dir, "strict", files, Optional.of(registry))) {
            h.send("in", "a", "{\"id\": \"p-1\", \"amount\": 1.5, \"cents\": 150}", 1);
            h.send("in", "b", "{\"id\": \"p-2\", \"amount\": 1.5}", 2);
            assertThat(h.readBytes("out")).hasSize(1);
            TestRecord<String, String> dead = h.read("strict-dlq").get(0);
            assertThat(dead.key()).isEqualTo("b");
            assertThat(PipelineHarness.headers(dead)).containsEntry(DeadLetterHeaders.RULE, "encode");
            assertThat(PipelineHarness.headers(dead).get(DeadLetterHeaders.ERROR))
                    .isEqualTo("cannot write to out: field 'cents' is required by the schema but missing");
        }
    }

    @Test
    void jsonSchemaAndProtobufTopicsRoundTrip() throws Exception {
        String orderJson = "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\"}, \"total\": {\"type\": \"number\"}},"
                + " \"required\": [\"id\", \"total\"]}";
        String orderProto = "syntax = \"proto3\";\npackage shop;\nmessage Order {\n  string id = 1;\n  double total = 2;\n}\n";
        Map<String, String> files = Map.of(
                "schemas/order.schema.json", orderJson, "schemas/order.proto", orderProto,
                "topics/t.yaml", topic("orders", "json-schema", "schemas/order.schema.json")
                        + topic("orders-pb", "protobuf", "schemas/order.proto").replace("---\n", ""),
                "pipelines/p.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Pipeline
                        metadata: { name: convert }
                        spec:
                          source: { topic: orders, format: json-schema }
                          sink: { topic: orders-pb, format: protobuf }
                        """);
        try (var h = PipelineHarness.of(dir, "convert", files, Optional.of(registry))) {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("id", "o-1");
            order.put("total", 9.5);
            h.bytesInput("orders").pipeInput("o-1", new JsonSchemaCodec(registry).encode(order, "orders-value", orderJson));
            byte[] out = h.readBytes("orders-pb").get(0).value();
            assertThat(new ProtobufCodec(registry).decode(out)).isEqualTo(order);
            assertThat(registry.byId(WireFormat.schemaId(out)).type()).isEqualTo("PROTOBUF");
        }
    }

    @Test
    void aRegistryFormatWithoutARegistryIsAProjectMistake() {
        assertThatThrownBy(() -> PipelineHarness.of(dir, "p", Map.of("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: in, format: avro }
                """)))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("format avro needs a schema registry");
    }

    @Test
    void anAvroSinkWithoutASchemaSaysWhichTopicNeedsOne() {
        assertThatThrownBy(() -> PipelineHarness.of(dir, "p", Map.of("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: in }
                  sink: { topic: out, format: avro }
                """), Optional.of(registry)))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("format avro writes to 'out', which declares no schema")
                .hasMessageContaining("schema: schemas/out.avsc");
    }
}
