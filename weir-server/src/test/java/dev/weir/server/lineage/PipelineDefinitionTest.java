package dev.weir.server.lineage;

import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A pipeline's definition hash changes with what it does, not with where or how it is written. */
class PipelineDefinitionTest {

    private static final String PIPELINE = """
            apiVersion: weir.dev/v1
            kind: Pipeline
            metadata: { name: clean }
            spec:
              source: { topic: payments }
              steps:
                - filter: "amount > 0"
                - mask: { fields: [card], salt: "${env:SALT}" }
              sink: { topic: payments-clean }
            """;

    @TempDir
    Path dir;

    private Project project(String pipelineFile, String salt) throws IOException {
        Files.writeString(dir.resolve("weir.yaml"), "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n");
        Files.createDirectories(dir.resolve("pipelines"));
        Files.writeString(dir.resolve("pipelines/p.yaml"), pipelineFile);
        return ProjectLoader.load(dir, Map.of("SALT", salt));
    }

    private String hash(String pipelineFile) throws IOException {
        return PipelineDefinition.hash(project(pipelineFile, "s1").pipelines().get(0));
    }

    @Test
    void commentsOwnerAndPlaceInTheFileDoNotChangeTheHash() throws IOException {
        String moved = "# Cleans payments.\n\n" + PIPELINE.replace("{ name: clean }", "{ name: clean, owner: payments-team }")
                .replace("- filter: \"amount > 0\"", "- filter: \"amount > 0\"   # positive only");
        assertThat(hash(moved)).isEqualTo(hash(PIPELINE)).matches("[0-9a-f]{64}");
    }

    @Test
    void whatThePipelineDoesChangesTheHash() throws IOException {
        assertThat(hash(PIPELINE.replace("amount > 0", "amount > 1"))).isNotEqualTo(hash(PIPELINE));
        assertThat(hash(PIPELINE + "  processing: { guarantee: at-least-once }\n")).isNotEqualTo(hash(PIPELINE));
        assertThat(hash(PIPELINE.replace("payments-clean", "payments-ok"))).isNotEqualTo(hash(PIPELINE));
    }

    @Test
    void aMaskSaltIsASecretSoItsValueIsNotPartOfTheDefinition() throws IOException {
        String one = PipelineDefinition.hash(project(PIPELINE, "first-secret").pipelines().get(0));
        String other = PipelineDefinition.hash(project(PIPELINE, "second-secret").pipelines().get(0));
        assertThat(one).isEqualTo(other);
        assertThat(PipelineDefinition.canonicalJson(project(PIPELINE, "first-secret").pipelines().get(0)))
                .doesNotContain("first-secret").contains("\"salt\":true");
    }

    @Test
    void theSourceTextIsThePipelinesOwnDocumentAsWritten() throws IOException {
        Project project = project("""
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: payments }
                spec: { partitions: 2 }
                ---
                """ + PIPELINE + """
                ---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: payments-clean }
                spec: { partitions: 2 }
                """, "s1");
        assertThat(PipelineDefinition.sourceText(project, project.pipelines().get(0))).contains(PIPELINE);
    }
}
