package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.weir.cli.CliTest.weir;
import static org.assertj.core.api.Assertions.assertThat;

class SchemaCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsTheJsonSchemaOfResourceFiles() throws IOException {
        CliTest.Result r = weir("schema");
        assertThat(r.exitCode()).isZero();
        JsonNode schema = new ObjectMapper().readTree(r.out());
        assertThat(schema.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(schema.at("/properties/kind/enum")).extracting(JsonNode::asText)
                .containsExactly("Project", "Topic", "Pipeline", "Generator", "PipelineTest", "AlertRule");
        assertThat(schema.at("/definitions/Pipeline/properties/steps/items/$ref").asText())
                .isEqualTo("#/definitions/step");
    }

    @Test
    void writesTheSchemaToAFile() throws IOException {
        Path file = tmp.resolve("editor/weir.schema.json");
        CliTest.Result r = weir("schema", "--out", file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Wrote the JSON Schema").contains(file.toString());
        assertThat(Files.readString(file)).isEqualTo(weir("schema").out());
    }
}
