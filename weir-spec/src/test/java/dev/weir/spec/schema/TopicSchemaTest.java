package dev.weir.spec.schema;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.Position;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Topic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TopicSchemaTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @BeforeEach
    void project() throws IOException {
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n");
        write("topics/orders.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: orders }
                spec:
                  schema: schemas/orders.schema.json
                """);
    }

    private List<Diagnostic> errors() {
        try {
            ProjectLoader.load(dir, Map.of());
        } catch (SpecException e) {
            return e.diagnostics();
        }
        throw new AssertionError("expected the project to be rejected");
    }

    @Test
    void readsPropertiesTypesAndRequiredFromTheSchemaFile() throws IOException {
        write("schemas/orders.schema.json", """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "type": "object",
                  "properties": {
                    "id": { "type": "string" },
                    "total": { "type": "number", "minimum": 0 },
                    "note": { "type": ["string", "null"] },
                    "lines": { "type": "array", "items": { "type": "object", "properties": { "sku": { "type": "string" } } } }
                  },
                  "required": ["id", "total"]
                }
                """);
        Topic orders = ProjectLoader.load(dir, Map.of()).topic("orders").orElseThrow();
        JsonSchema schema = orders.schema().orElseThrow().recordType();
        assertThat(schema.properties()).containsOnlyKeys("id", "total", "note", "lines");
        assertThat(schema.required()).containsExactlyInAnyOrder("id", "total");
        assertThat(schema.additionalProperties()).isFalse();
        assertThat(schema.properties().get("total").types()).containsExactly(JsonType.NUMBER);
        assertThat(schema.properties().get("note").nonNullTypes()).isEqualTo(Set.of(JsonType.STRING));
        assertThat(schema.properties().get("lines").items().orElseThrow().properties()).containsOnlyKeys("sku");
        assertThat(schema.properties().get("total").pos()).isEqualTo(new Position("schemas/orders.schema.json", 6, 14));
    }

    @Test
    void missingSchemaFileIsReportedWhereItIsNamedWithTheClosestFile() throws IOException {
        write("schemas/order.schema.json", "{ \"type\": \"object\" }");
        List<Diagnostic> errors = errors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).position()).isEqualTo(new Position("topics/orders.yaml", 5, 11));
        assertThat(errors.get(0).message()).isEqualTo("schema file 'schemas/orders.schema.json' does not exist");
        assertThat(errors.get(0).hint()).contains("did you mean 'schemas/order.schema.json'?");
    }

    @Test
    void unparseableSchemaFileIsReportedAtTheLineInThatFile() throws IOException {
        write("schemas/orders.schema.json", "{\n  \"type\": \"object\",\n  \"properties\": { \"id\": { \"type\": \"string\" }\n");
        List<Diagnostic> errors = errors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).position().file()).isEqualTo("schemas/orders.schema.json");
        assertThat(errors.get(0).position().line()).isEqualTo(4);
        assertThat(errors.get(0).message()).startsWith("YAML syntax error");
    }

    @Test
    void unknownTypeNameSuggestsTheClosestOne() throws IOException {
        write("schemas/orders.schema.json", """
                { "type": "object", "properties": { "total": { "type": "numbr" } } }
                """);
        List<Diagnostic> errors = errors();
        assertThat(errors).extracting(Diagnostic::message).containsExactly("unknown JSON Schema type 'numbr'");
        assertThat(errors.get(0).hint()).contains("did you mean 'number'?");
        assertThat(errors.get(0).position()).isEqualTo(new Position("schemas/orders.schema.json", 1, 56));
    }

    @Test
    void requiredPropertyMustBeDeclared() throws IOException {
        write("schemas/orders.schema.json", """
                { "type": "object", "properties": { "total": { "type": "number" } }, "required": ["totl"] }
                """);
        assertThat(errors()).extracting(Diagnostic::message)
                .containsExactly("required property 'totl' is not among the properties");
    }

    @Test
    void schemaOfARecordMustDescribeAnObject() throws IOException {
        write("schemas/orders.schema.json", "{ \"type\": \"array\" }");
        assertThat(errors()).extracting(Diagnostic::message).containsExactly("a topic's schema must describe a JSON object");
    }

    @Test
    void additionalPropertiesTrueLeavesTheRecordOpen() throws IOException {
        write("schemas/orders.schema.json", "{ \"type\": \"object\", \"additionalProperties\": true }");
        assertThat(ProjectLoader.load(dir, Map.of()).topic("orders").orElseThrow().schema().orElseThrow()
                .recordType().additionalProperties()).isTrue();
    }

    @Test
    void stringTopicCannotHaveASchema() throws IOException {
        write("schemas/orders.schema.json", "{ \"type\": \"object\" }");
        write("topics/orders.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: orders }
                spec:
                  format: string
                  schema: schemas/orders.schema.json
                """);
        assertThat(errors()).extracting(Diagnostic::message)
                .containsExactly("a .json schema does not describe records in format string");
    }
}
