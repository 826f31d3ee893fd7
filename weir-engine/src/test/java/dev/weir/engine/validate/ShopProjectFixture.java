package dev.weir.engine.validate;

import dev.weir.spec.Diagnostic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shop project to validate: transactions with a schema, customers as a compacted table with a
 * schema (and a generator writing it), a sink and a dead-letter topic with an owner. Tests add a
 * pipeline.
 */
abstract class ShopProjectFixture {

    @TempDir
    Path dir;

    void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    Validation validate() {
        return ProjectValidator.validate(dir, Map.of());
    }

    /** A shop: transactions with a schema, customers as a compacted table with a schema. */
    @BeforeEach
    void shop() throws IOException {
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n");
        write("schemas/transactions.schema.json", """
                {
                  "type": "object",
                  "properties": {
                    "transaction_id": { "type": "string" },
                    "customer_id": { "type": "string" },
                    "merchant_id": { "type": "string" },
                    "amount": { "type": "number" },
                    "quantity": { "type": "integer" },
                    "card_number": { "type": "string" },
                    "country": { "type": "string" },
                    "ts": { "type": "string" }
                  },
                  "required": ["transaction_id", "customer_id", "amount"]
                }
                """);
        write("schemas/customers.schema.json", """
                {
                  "type": "object",
                  "properties": {
                    "customer_id": { "type": "string" },
                    "name": { "type": "string" },
                    "country": { "type": "string" }
                  }
                }
                """);
        write("topics/topics.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: transactions }
                spec: { schema: schemas/transactions.schema.json }
                ---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: customers }
                spec:
                  schema: schemas/customers.schema.json
                  config: { cleanup.policy: compact }
                ---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: clean }
                spec: {}
                ---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: dlq, owner: shop-team }
                spec: {}
                """);
        write("generators/customers.yaml", """
                apiVersion: weir.dev/v1
                kind: Generator
                metadata: { name: customers }
                spec:
                  topic: customers
                  count: 100
                  key: customer_id
                  fields:
                    customer_id: { sequence: { start: 1, end: 100, prefix: "c-" } }
                    name: { fake: name }
                    country: { weighted: { DE: 5, FR: 3 } }
                """);
    }

    void pipeline(String steps) throws IOException {
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: transactions }
                  steps:
                """ + steps.indent(4) + """
                  sink: { topic: clean }
                  errors: { deadLetterTopic: dlq }
                """);
    }

    static String hint(Diagnostic d) {
        return d.hint().orElse("");
    }

    static Diagnostic only(List<Diagnostic> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}
