package dev.weir.engine.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Test cases on avro and protobuf topics: inputs written with the topic's schema, outputs read back by field. */
class RegistryFormatTopicsTest {

    @TempDir
    Path dir;

    private TestProject project() {
        return new TestProject(dir)
                .file("schemas/payment.avsc", """
                        {"type": "record", "name": "Payment", "fields": [
                          {"name": "id", "type": "string"}, {"name": "amount", "type": "double"}]}""")
                .file("schemas/big.proto", """
                        syntax = "proto3";
                        message Big { string id = 1; double amount = 2; int64 cents = 3; }
                        """)
                .file("topics/t.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Topic
                        metadata: { name: payments }
                        spec: { format: avro, schema: schemas/payment.avsc }
                        ---
                        apiVersion: weir.dev/v1
                        kind: Topic
                        metadata: { name: big }
                        spec: { format: protobuf, schema: schemas/big.proto }
                        """)
                .file("pipelines/p.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Pipeline
                        metadata: { name: big-payments }
                        spec:
                          source: { topic: payments, format: avro }
                          steps:
                            - filter: "amount >= 100.0"
                            - map: { set: { cents: "int(amount * 100.0)" } }
                          sink: { topic: big, format: protobuf }
                        """);
    }

    @Test
    void avroInputsAndProtobufOutputsAreComparedByField() {
        project().cases("""
                - name: big payments are converted
                  input:
                    payments:
                      - { key: p-1, value: { id: p-1, amount: 250.0 } }
                      - { key: p-2, value: { id: p-2, amount: 5.0 } }
                  expect:
                    big: [ { key: p-1, value: { id: p-1, amount: 250.0, cents: 25000 } } ]
                """).passes();
    }

    @Test
    void aMalformedAvroRecordIsDeadLettered() {
        project().cases("""
                - name: text is not avro
                  input:
                    payments: [ { key: p-3, value: "not avro at all" } ]
                  expect:
                    big: { count: 0 }
                    big-payments-dlq:
                      deadLetters: [ { step: source, rule: decode } ]
                """).passes();
    }

    @Test
    void anInputThatDoesNotFitTheSchemaIsReportedAtItsValue() {
        assertThat(project().cases("""
                - name: amount missing
                  input:
                    payments: [ { key: p-4, value: { id: p-4 } } ]
                  expect:
                    big: { count: 0 }
                """).run(CaseFilter.ALL).results().get(0).failure()).hasValueSatisfying(f ->
                assertThat(f.message()).contains("field 'amount' is required by the schema but missing"));
    }
}
