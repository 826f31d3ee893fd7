package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.cli.CliTest.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.weir.cli.CliTest.weir;
import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** Orders read from one topic and written to another, both declared; bad records to an owned topic. */
    @BeforeEach
    void project() throws IOException {
        write("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n");
        write("schemas/orders.schema.json", """
                { "type": "object", "properties": { "id": { "type": "string" }, "total": { "type": "number" } } }
                """);
        write("topics/topics.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: orders }
                spec: { schema: schemas/orders.schema.json }
                ---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: big-orders }
                spec: {}
                ---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: orders-dlq, owner: shop-team }
                spec: {}
                """);
        pipeline("total > 100.0");
    }

    private void pipeline(String filter) throws IOException {
        write("pipelines/big.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: big }
                spec:
                  source: { topic: orders }
                  steps:
                    - filter: "%s"
                  sink: { topic: big-orders }
                  errors: { deadLetterTopic: orders-dlq }
                """.formatted(filter));
    }

    private void unusedTopic() throws IOException {
        write("topics/old.yaml", "apiVersion: weir.dev/v1\nkind: Topic\nmetadata: { name: old }\nspec: {}\n");
    }

    @Test
    void validProjectExits0WithASummaryOfWhatItHolds() {
        Result r = weir("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEqualTo("shop: valid (1 pipeline, 3 topics, 0 generators)\n");
    }

    @Test
    void exampleProjectIsValid() {
        Result r = weir("validate", "../examples/fraud-detection", "--strict");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEqualTo("fraud-detection: valid (1 pipeline, 6 topics, 2 generators)\n");
    }

    @Test
    void warningsExit0AndAreListed() throws IOException {
        unusedTopic();
        Result r = weir("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEqualTo("""
                topics/old.yaml:3:11: warning: topic 'old' is declared, but no pipeline or generator reads or writes it
                    hint: remove it, or use it in a pipeline
                shop: valid, 1 warning (1 pipeline, 4 topics, 0 generators)
                """);
    }

    @Test
    void warningsExit1WithStrict() throws IOException {
        unusedTopic();
        Result r = weir("validate", dir.toString(), "--strict");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.out()).endsWith("shop: not valid with --strict, 1 warning (1 pipeline, 4 topics, 0 generators)\n");
    }

    @Test
    void errorsExit2SortedByFileAndLineWithHints() throws IOException {
        unusedTopic();
        pipeline("totl > 'x'");
        Result r = weir("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEqualTo("""
                pipelines/big.yaml:7:16: error: unknown field 'totl'
                    hint: did you mean 'total'?
                topics/old.yaml:3:11: warning: topic 'old' is declared, but no pipeline or generator reads or writes it
                    hint: remove it, or use it in a pipeline
                1 error, 1 warning
                """);
    }

    @Test
    void jsonFormatListsErrorsAndWarningsWithPositions() throws IOException {
        unusedTopic();
        pipeline("total > 'x'");
        Result r = weir("validate", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("valid").asBoolean()).isFalse();
        JsonNode error = doc.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("pipelines/big.yaml");
        assertThat(error.get("line").asInt()).isEqualTo(7);
        assertThat(error.get("column").asInt()).isEqualTo(22);
        assertThat(error.get("message").asText()).isEqualTo("type error in 'total > 'x'': no '>' for (double, string)");
        assertThat(error.get("hint").asText()).isEqualTo("total is double");
        assertThat(doc.get("warnings")).hasSize(1);
        assertThat(doc.get("warnings").get(0).get("hint").asText()).isEqualTo("remove it, or use it in a pipeline");
    }

    @Test
    void jsonOfAValidProjectWithStrictWarningsIsNotValid() throws IOException {
        unusedTopic();
        JsonNode doc = new ObjectMapper().readTree(weir("validate", dir.toString(), "--format", "json", "--strict").out());
        assertThat(doc.get("valid").asBoolean()).isFalse();
        assertThat(doc.get("errors")).isEmpty();
    }

    @Test
    void loaderErrorsUseTheSameOutput() throws IOException {
        write("topics/bad.yaml", "apiVersion: weir.dev/v1\nkind: Topic\n  metadata: x\n");
        Result r = weir("validate", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        JsonNode error = new ObjectMapper().readTree(r.out()).get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("topics/bad.yaml");
        assertThat(error.get("line").asInt()).isEqualTo(3);
        assertThat(error.get("message").asText()).startsWith("YAML syntax error");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void helpShowsAnExampleAndTheExitCodes() {
        Result r = weir("validate", "--help");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("weir validate examples/fraud-detection", "--strict", "--format",
                "Exit codes: 0 valid, 1 warnings with --strict, 2 errors.");
    }
}
