package dev.weir.cli;

import dev.weir.registry.check.GitRepo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.cli.CliTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.weir.cli.CliTest.weir;
import static org.assertj.core.api.Assertions.assertThat;

/** weir validate compares each topic's schema file with its version in git, at the topic's compatibility level. */
class ValidateSchemaChangesTest {

    private static final String ID = "{\"name\": \"id\", \"type\": \"string\"}";
    private static final String TOTAL = "{\"name\": \"total\", \"type\": \"double\"}";
    private static final String NOTE = "{\"name\": \"note\", \"type\": \"string\"}";
    private static final String NOTE_DEFAULT = "{\"name\": \"note\", \"type\": \"string\", \"default\": \"\"}";

    @TempDir
    Path dir;

    private static String avro(String... fields) {
        return "{\"type\": \"record\", \"name\": \"Order\", \"fields\": [" + String.join(", ", fields) + "]}\n";
    }

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** Orders with a schema of {@code kind} (avsc or json), read by a pipeline that keeps the big ones. */
    private void project(String schemaFile, String format, String compatibility) throws IOException {
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n");
        write("topics/topics.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: orders }
                spec:
                  format: %s
                  schema: %s
                %s---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: big-orders }
                spec: {}
                ---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: orders-dlq, owner: shop-team }
                spec: {}
                """.formatted(format, schemaFile, compatibility == null ? "" : "  compatibility: " + compatibility + "\n"));
        write("pipelines/big.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: big }
                spec:
                  source: { topic: orders, format: %s }
                  steps:
                    - filter: "total > 100.0"
                  sink: { topic: big-orders }
                  errors: { deadLetterTopic: orders-dlq }
                """.formatted(format));
    }

    /** An Avro project committed with {@code v1}, then {@code v2} written over it. */
    private GitRepo avroChange(String compatibility, String v1, String v2) throws IOException {
        project("schemas/orders.avsc", "avro", compatibility);
        write("schemas/orders.avsc", v1);
        GitRepo repo = GitRepo.init(dir);
        repo.commit("orders");
        write("schemas/orders.avsc", v2);
        return repo;
    }

    @Test
    void aCompatibleChangeIsValid() throws IOException {
        avroChange(null, avro(ID, TOTAL), avro(ID, TOTAL, NOTE_DEFAULT));
        Result r = weir("validate", dir.toString());
        assertThat(r.out()).isEqualTo("shop: valid (1 pipeline, 3 topics, 0 generators)\n");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void anIncompatibleChangeExits2WithTheProblemAtTheTopicsSchema() throws IOException {
        avroChange(null, avro(ID, TOTAL), avro(ID, TOTAL, NOTE));
        Result r = weir("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).startsWith("topics/topics.yaml:6:11: error: schemas/orders.avsc is not BACKWARD compatible "
                + "with HEAD: field 'note' (at '/fields/2') is in the reader schema without a default value but missing "
                + "from the writer schema\n    hint: consumers using the new schema must read records written with the old");
        assertThat(r.out()).endsWith("1 error\n");
    }

    @Test
    void againstComparesWithAnotherRevision() throws IOException {
        GitRepo repo = avroChange(null, avro(ID, TOTAL), avro(ID, TOTAL, NOTE));
        repo.git("checkout", "-q", "-b", "feature");
        repo.commit("note");
        assertThat(weir("validate", dir.toString()).exitCode()).isEqualTo(ExitCode.OK);
        Result r = weir("validate", dir.toString(), "--against", "main");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).contains("error: schemas/orders.avsc is not BACKWARD compatible with main: field 'note'");
    }

    @Test
    void anUnknownRevisionToCompareWithIsAnError() throws IOException {
        avroChange(null, avro(ID, TOTAL), avro(ID, TOTAL));
        Result r = weir("validate", dir.toString(), "--against", "origin/main");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).startsWith("--against: error: git revision 'origin/main' does not name a commit\n"
                + "    hint: fetch it first");
    }

    @Test
    void theTopicsForwardLevelIsRespected() throws IOException {
        avroChange("FORWARD", avro(ID, TOTAL, NOTE), avro(ID, TOTAL));
        Result r = weir("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).contains("schemas/orders.avsc is not FORWARD compatible with HEAD: field 'note'",
                "hint: consumers using the old schema must read records written with the new");

        write("schemas/orders.avsc", avro(ID, TOTAL, NOTE, "{\"name\": \"extra\", \"type\": \"int\"}"));
        assertThat(weir("validate", dir.toString()).exitCode()).as("FORWARD allows a field without default")
                .isEqualTo(ExitCode.OK);
    }

    @Test
    void theTopicsFullLevelChecksBothWays() throws IOException {
        avroChange("FULL", avro(ID, TOTAL), avro(ID, TOTAL, NOTE));
        Result r = weir("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).contains("schemas/orders.avsc is not FULL compatible with HEAD: the new schema cannot read "
                + "data written with HEAD: field 'note'");

        write("schemas/orders.avsc", avro(ID));
        assertThat(weir("validate", dir.toString()).out()).contains("schemas/orders.avsc is not FULL compatible with "
                + "HEAD: HEAD cannot read data written with the new schema: field 'total'");

        write("schemas/orders.avsc", avro(ID, TOTAL, NOTE_DEFAULT));
        assertThat(weir("validate", dir.toString()).exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void jsonSchemaChangesAreComparedWithJsonSchemaRules() throws IOException {
        project("schemas/orders.schema.json", "json", null);
        write("schemas/orders.schema.json", """
                {"type": "object", "properties": {"id": {"type": "string"}, "total": {"type": "number"}}}
                """);
        GitRepo.init(dir).commit("orders");
        write("schemas/orders.schema.json", """
                {"type": "object", "properties": {"id": {"type": "string"}, "total": {"type": "number"}, "note": {}}}
                """);
        assertThat(weir("validate", dir.toString()).exitCode()).isEqualTo(ExitCode.OK);

        write("schemas/orders.schema.json", """
                {"type": "object", "properties": {"id": {"type": "string"}, "total": {"type": "integer"}}}
                """);
        Result r = weir("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).contains("error: schemas/orders.schema.json is not BACKWARD compatible with HEAD: "
                + "#/properties/total: type narrowed from number to integer");
    }

    @Test
    void aSchemaFileNotInGitIsFineAndJsonSaysWhy() throws IOException {
        project("schemas/orders.avsc", "avro", null);
        GitRepo.init(dir).commit("without the schema");
        write("schemas/orders.avsc", avro(ID, TOTAL));
        Result r = weir("validate", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode schema = new ObjectMapper().readTree(r.out()).get("schemas").get(0);
        assertThat(schema.get("topic").asText()).isEqualTo("orders");
        assertThat(schema.get("subject").asText()).isEqualTo("orders-value");
        assertThat(schema.get("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(schema.get("git").get("outcome").asText()).isEqualTo("nothing-to-compare");
        assertThat(schema.get("git").get("note").asText()).isEqualTo("new since HEAD, nothing to compare with");
        assertThat(schema.get("registry").isNull()).isTrue();
    }

    @Test
    void aProjectOutsideGitIsFineAndVerboseSaysWhy() throws IOException {
        project("schemas/orders.avsc", "avro", null);
        write("schemas/orders.avsc", avro(ID, TOTAL));
        Result r = weir("validate", dir.toString(), "--verbose");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEqualTo("schemas/orders.avsc: not in a git repository, nothing to compare with\n"
                + "shop: valid (1 pipeline, 3 topics, 0 generators)\n");
    }

    @Test
    void verboseSaysWhatEachSchemaWasComparedWith() throws IOException {
        avroChange(null, avro(ID, TOTAL), avro(ID, TOTAL, NOTE_DEFAULT));
        assertThat(weir("validate", dir.toString(), "--verbose").out())
                .startsWith("schemas/orders.avsc: compatible with HEAD (BACKWARD)\n");
        write("schemas/orders.avsc", avro(ID, TOTAL));
        assertThat(weir("validate", dir.toString(), "--verbose").out())
                .startsWith("schemas/orders.avsc: unchanged since HEAD (BACKWARD)\n");
    }
}
