package dev.weir.engine.validate;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.Position;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The records a pipeline writes are checked against the schema of the topic it writes them to. */
class SinkSchemaCheckTest extends ShopProjectFixture {

    /** Only what payments hold, from the shop's transactions. */
    private static final String KEEP_PAYMENT_FIELDS = "- map: { drop: [customer_id, merchant_id, quantity, card_number, ts] }\n";

    @BeforeEach
    void paymentTopics() throws IOException {
        write("schemas/payments.avsc", """
                {"type": "record", "name": "Payment", "fields": [
                  {"name": "transaction_id", "type": "string"},
                  {"name": "amount", "type": "double"},
                  {"name": "country", "type": ["null", "string"], "default": null}
                ]}
                """);
        write("schemas/payments.schema.json", """
                {"type": "object", "additionalProperties": false,
                 "properties": {"transaction_id": {"type": "string"}, "amount": {"type": "number"}, "country": {"type": "string"}},
                 "required": ["transaction_id", "amount"]}
                """);
        write("topics/payments.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: payments }
                spec: { format: avro, schema: schemas/payments.avsc }
                ---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: payments-json }
                spec: { format: json-schema, schema: schemas/payments.schema.json }
                """);
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n"
                + "spec: { registry: { url: http://localhost:8081 } }\n");
    }

    private void pipelineTo(String topic, String format, String steps) throws IOException {
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: transactions }
                  steps:
                """ + steps.indent(4) + """
                  sink: { topic: %s, format: %s }
                  errors: { deadLetterTopic: dlq }
                """.formatted(topic, format));
    }

    @Test
    void recordsThatFitTheSchemaAreClean() throws IOException {
        pipelineTo("payments", "avro", KEEP_PAYMENT_FIELDS);
        Validation v = validate();
        assertThat(v.errors()).isEmpty();
        assertThat(v.warnings()).extracting(Diagnostic::message).noneMatch(m -> m.contains("payments.avsc"));
    }

    @Test
    void aRequiredAvroFieldTheRecordsLackIsAnErrorAtTheSink() throws IOException {
        pipelineTo("payments", "avro", "- map: { drop: [customer_id, merchant_id, quantity, card_number, ts, amount] }\n");
        Diagnostic error = only(validate().errors());
        assertThat(error.position()).isEqualTo(new Position("pipelines/p.yaml", 8, 9));
        assertThat(error.message()).isEqualTo("the sink writes records without field 'amount' to topic 'payments', "
                + "but schemas/payments.avsc requires it");
        assertThat(hint(error)).contains("dropped by step 'map'", "fails the avro writer and goes to the dead-letter topic");
    }

    @Test
    void aRequiredAvroFieldThatMayBeMissingIsAnError() throws IOException {
        write("schemas/payments.avsc", """
                {"type": "record", "name": "Payment", "fields": [
                  {"name": "transaction_id", "type": "string"},
                  {"name": "amount", "type": "double"},
                  {"name": "country", "type": "string"}
                ]}
                """);
        pipelineTo("payments", "avro", KEEP_PAYMENT_FIELDS);
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("the sink writes records to topic 'payments' where field 'country' may be "
                + "missing or null, but schemas/payments.avsc requires it");
        assertThat(hint(error)).contains("validate step (required: [country])");
    }

    @Test
    void aNullableAvroFieldWithoutADefaultMustStillBeSet() throws IOException {
        write("schemas/payments.avsc", """
                {"type": "record", "name": "Payment", "fields": [
                  {"name": "transaction_id", "type": "string"},
                  {"name": "amount", "type": "double"},
                  {"name": "note", "type": ["null", "string"]}
                ]}
                """);
        pipelineTo("payments", "avro", "- map: { drop: [customer_id, merchant_id, quantity, card_number, ts, country] }\n");
        assertThat(only(validate().errors()).message()).contains("without field 'note'");

        pipelineTo("payments", "avro", "- map: { set: { note: \"null\" }, drop: [customer_id, merchant_id, quantity, "
                + "card_number, ts, country] }\n");
        assertThat(validate().errors()).isEmpty();
    }

    @Test
    void aFieldOfTheWrongTypeIsAnError() throws IOException {
        pipelineTo("payments", "avro", KEEP_PAYMENT_FIELDS + "- map: { set: { amount: \"string(amount)\" } }\n");
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("the sink writes field 'amount' as string to topic 'payments', "
                + "but schemas/payments.avsc says number");
    }

    @Test
    void aDecimalIntoAnIntegerFieldIsAnError() throws IOException {
        write("schemas/payments.avsc", """
                {"type": "record", "name": "Payment", "fields": [
                  {"name": "transaction_id", "type": "string"}, {"name": "amount", "type": "long"}
                ]}
                """);
        pipelineTo("payments", "avro", KEEP_PAYMENT_FIELDS + "- map: { drop: [country] }\n");
        assertThat(only(validate().errors()).message()).contains("writes field 'amount' as double", "says integer");
    }

    @Test
    void fieldsTheAvroSchemaLacksAreAWarningThatTheyAreDropped() throws IOException {
        pipelineTo("payments", "avro", "- map: { drop: [customer_id, merchant_id, quantity, ts] }\n");
        Validation v = validate();
        assertThat(v.errors()).isEmpty();
        Diagnostic warning = only(v.warnings().stream().filter(d -> d.message().contains(".avsc")).toList());
        assertThat(warning.message()).isEqualTo("the sink writes field 'card_number' to topic 'payments', which "
                + "schemas/payments.avsc does not have: the writer drops it");
        assertThat(hint(warning)).isEqualTo("drop it in a map step, or add it to the schema");
    }

    @Test
    void fieldsTheProtobufMessageLacksAreAWarningAndItsRequiredFieldsAreChecked() throws IOException {
        write("schemas/payments.proto", """
                syntax = "proto2";
                message Payment {
                  required string transaction_id = 1;
                  optional double amount = 2;
                  required string reference = 3;
                }
                """);
        write("topics/payments.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: payments }
                spec: { format: protobuf, schema: schemas/payments.proto }
                """);
        pipelineTo("payments", "protobuf", "- map: { drop: [customer_id, merchant_id, quantity, card_number, ts] }\n");
        Validation v = validate();
        assertThat(only(v.errors()).message()).isEqualTo("the sink writes records without field 'reference' to topic "
                + "'payments', but schemas/payments.proto requires it");
        assertThat(only(v.warnings().stream().filter(d -> d.message().contains(".proto")).toList()).message())
                .isEqualTo("the sink writes field 'country' to topic 'payments', which "
                + "schemas/payments.proto does not have: the writer drops it");
    }

    @Test
    void fieldsAClosedJsonSchemaDoesNotAllowAreAnError() throws IOException {
        pipelineTo("payments-json", "json-schema", "- map: { drop: [merchant_id, quantity, card_number, ts] }\n");
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("the sink writes field 'customer_id' to topic 'payments-json', which "
                + "schemas/payments.schema.json does not allow (additionalProperties: false)");
        assertThat(hint(error)).contains("fails the json-schema writer");
    }

    @Test
    void routeBranchesAreCheckedWhereTheyAre() throws IOException {
        pipelineTo("clean", "json", """
                - route:
                    format: avro
                    branches:
                      - { when: "amount > 100.0", to: payments }
                """);
        Validation v = validate();
        Diagnostic warning = v.warnings().stream().filter(d -> d.message().contains("payments.avsc")).findFirst().orElseThrow();
        assertThat(warning.message()).startsWith("the route branch to 'payments' writes fields 'customer_id', 'merchant_id'");
        assertThat(warning.position().line()).isEqualTo(10);
    }

    @Test
    void aggregateResultsAreCheckedAgainstTheTopicTheyGoTo() throws IOException {
        write("schemas/stats.avsc", """
                {"type": "record", "name": "Stats", "fields": [
                  {"name": "merchant_id", "type": "string"},
                  {"name": "total", "type": "double"},
                  {"name": "largest", "type": "double"}
                ]}
                """);
        write("topics/stats.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: stats }
                spec: { format: avro, schema: schemas/stats.avsc }
                """);
        pipelineTo("clean", "json", """
                - aggregate:
                    groupBy: merchant_id
                    compute: { total: "sum(amount)", largest: "max(quantity)" }
                    to: stats
                    format: avro
                """);
        Validation v = validate();
        Diagnostic error = only(v.errors());
        assertThat(error.message()).isEqualTo("step 'aggregate' writes records to topic 'stats' where field 'largest' "
                + "may be missing or null, but schemas/stats.avsc requires it");
        assertThat(error.position().line()).isEqualTo(8);
    }
}
