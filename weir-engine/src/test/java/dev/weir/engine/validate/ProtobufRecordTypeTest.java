package dev.weir.engine.validate;

import dev.weir.spec.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Expressions over protobuf topics are checked against the .proto file's first message. */
class ProtobufRecordTypeTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Validation validate(String filter) throws IOException {
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n");
        write("schemas/order.proto", """
                syntax = "proto3";
                package shop;
                message Order {
                  string id = 1;
                  double total = 2;
                  repeated string tags = 3;
                  Customer customer = 4;
                }
                message Customer { string country = 1; }
                """);
        write("topics/t.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: orders }
                spec: { format: protobuf, schema: schemas/order.proto }
                ---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: big, owner: shop-team }
                ---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: p-dlq, owner: shop-team }
                """.replace("metadata: { name: big, owner: shop-team }\n", "metadata: { name: big, owner: shop-team }\nspec: {}\n")
                .replace("metadata: { name: p-dlq, owner: shop-team }\n", "metadata: { name: p-dlq, owner: shop-team }\nspec: {}\n"));
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: orders, format: protobuf }
                  steps:
                    - filter: "%s"
                  sink: { topic: big }
                """.formatted(filter));
        return ProjectValidator.validate(dir, Map.of());
    }

    @Test
    void fieldsOfTheFirstMessageAreKnownWithTheirTypes() throws IOException {
        assertThat(validate("total > 100.0 && size(tags) > 0 && customer.country == 'DE'").errors()).isEmpty();
    }

    @Test
    void aMisspeltFieldIsAnErrorWithTheClosestName() throws IOException {
        assertThat(validate("totl > 100.0").errors()).extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).contains("unknown field 'totl'"));
    }

    @Test
    void aTypeMismatchIsAnError() throws IOException {
        assertThat(validate("id > 3.0").errors()).isNotEmpty();
    }
}
