package dev.weir.engine.compile;

import dev.weir.engine.PipelineHarness;
import dev.weir.engine.testing.PipelineDriver;
import dev.weir.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineCompilerTest {

    @TempDir
    Path dir;

    @Test
    void applicationIdNamesProjectAndPipeline() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: orders }
                spec:
                  source: { topic: in }
                  sink: { topic: out }
                """)) {
            assertThat(h.compiled().applicationId()).isEqualTo("weir-test-orders");
            assertThat(h.compiled().inputTopics()).containsExactly("in");
            assertThat(h.compiled().outputTopics()).containsExactlyInAnyOrder("out", "orders-dlq");
        }
    }

    @Test
    void aTopicReadBothAsSourceAndAsTableIsAProjectMistakeNotACrash() {
        assertThatThrownBy(() -> PipelineHarness.of(dir, "loop", Map.of(
                "topics/t.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Topic
                        metadata: { name: customers }
                        spec: { config: { cleanup.policy: compact } }
                        """,
                "pipelines/p.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Pipeline
                        metadata: { name: loop }
                        spec:
                          source: { topic: customers }
                          steps:
                            - enrich: { table: customers, key: id }
                          sink: { topic: out }
                        """)))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("pipelines/p.yaml:5:3: error: pipeline 'loop' cannot be built")
                .hasMessageContaining("customers");
    }

    @Test
    void everyPipelineWithAnInvalidExpressionIsReportedAtOnce() throws Exception {
        Files.writeString(dir.resolve("weir.yaml"), PipelineHarness.PROJECT);
        Files.createDirectories(dir.resolve("pipelines"));
        Files.writeString(dir.resolve("pipelines/a.yaml"), """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: a }
                spec:
                  source: { topic: in }
                  steps: [ { filter: "x >" } ]
                ---
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: b }
                spec:
                  source: { topic: in }
                  steps: [ { filter: "y ==" } ]
                """);
        Project project = ProjectLoader.load(dir, Map.of());
        assertThatThrownBy(() -> new PipelineCompiler().compileAll(project))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).diagnostics())
                        .extracting(d -> d.position().line()).containsExactly(6, 13));
    }

    @Test
    void compiledForTestsEveryStoreIsInMemory() throws Exception {
        Files.writeString(dir.resolve("weir.yaml"), PipelineHarness.PROJECT);
        Files.createDirectories(dir.resolve("pipelines"));
        Files.writeString(dir.resolve("pipelines/p.yaml"), """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: in }
                  steps:
                    - dedupe: { key: id, within: 1m }
                    - aggregate: { groupBy: id, window: { tumbling: 1m }, emit: final, compute: { n: "count()" } }
                  sink: { topic: out }
                """);
        Project project = ProjectLoader.load(dir, Map.of());

        assertThat(persistentStores(new PipelineCompiler(), project)).containsExactly(true, true);
        assertThat(persistentStores(PipelineCompiler.forTests(), project)).containsExactly(false, false);
    }

    private List<Boolean> persistentStores(PipelineCompiler compiler, Project project) {
        CompiledPipeline p = compiler.compile(project, project.pipeline("p").orElseThrow());
        try (PipelineDriver d = new PipelineDriver(p, dir.resolve("state"), Instant.EPOCH)) {
            return List.of(d.driver().getKeyValueStore("dedupe-seen").persistent(),
                    d.driver().getTimestampedWindowStore("aggregate-store").persistent());
        }
    }
}
