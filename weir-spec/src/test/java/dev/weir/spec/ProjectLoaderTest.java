package dev.weir.spec;

import dev.weir.spec.model.Format;
import dev.weir.spec.model.Guarantee;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.step.AggregateStep;
import dev.weir.spec.step.FilterStep;
import dev.weir.spec.step.RouteStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectLoaderTest {

    @TempDir
    Path dir;

    private static final String PROJECT = """
            apiVersion: weir.dev/v1
            kind: Project
            metadata: { name: shop }
            """;

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private List<Diagnostic> errors(Map<String, String> env) {
        try {
            ProjectLoader.load(dir, env);
        } catch (SpecException e) {
            return e.diagnostics();
        }
        throw new AssertionError("expected the project to be rejected");
    }

    private List<Diagnostic> errors() {
        return errors(Map.of());
    }

    @Test
    void loadsPipelinesWithStepsDefaultsAndPositions() throws IOException {
        write("weir.yaml", PROJECT);
        write("pipelines/orders.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: orders, owner: shop-team }
                spec:
                  source: { topics: [a, b], key: id }
                  steps:
                    - filter: "total > 0"
                    - route:
                        - { when: "total > 100", to: big, continue: true }
                        - { default: small }
                    - aggregate:
                        groupBy: shop
                        window: { hopping: 5m, advance: 1m, grace: 30s }
                        compute: { n: "count()", sum: "sum(total)" }
                  sink: { topic: out, format: string }
                  processing: { guarantee: at-least-once }
                """);
        Project project = ProjectLoader.load(dir, Map.of());
        Pipeline p = project.pipeline("orders").orElseThrow();
        assertThat(p.source().topics()).containsExactly("a", "b");
        assertThat(p.source().format()).isEqualTo(Format.JSON);
        assertThat(p.sink().orElseThrow().format()).isEqualTo(Format.STRING);
        assertThat(p.errors().deadLetterTopic()).isEqualTo("orders-dlq");
        assertThat(p.guarantee()).isEqualTo(Guarantee.AT_LEAST_ONCE);
        assertThat(p.steps()).hasSize(3);
        FilterStep filter = (FilterStep) p.steps().get(0);
        assertThat(filter.expr().text()).isEqualTo("total > 0");
        // where the expression's text starts, inside the quotes, so columns within it are columns in the file
        assertThat(filter.expr().pos()).isEqualTo(new Position("pipelines/orders.yaml", 7, 16));
        RouteStep route = (RouteStep) p.steps().get(1);
        assertThat(route.branches()).hasSize(1);
        assertThat(route.branches().get(0).continueAfter()).isTrue();
        assertThat(route.defaultTopic()).contains("small");
        AggregateStep agg = (AggregateStep) p.steps().get(2);
        assertThat(agg.window()).contains(new AggregateStep.Hopping(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(30)));
        assertThat(agg.compute().get("sum").function()).isEqualTo(AggregateStep.Function.SUM);
        assertThat(agg.compute().get("sum").argument().orElseThrow().text()).isEqualTo("total");
        assertThat(agg.compute().get("sum").argument().orElseThrow().pos())
                .isEqualTo(new Position("pipelines/orders.yaml", 14, 44));
    }

    @Test
    void unknownFieldIsReportedAtItsKeyWithTheClosestValidName() throws IOException {
        write("weir.yaml", PROJECT);
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: a }
                  sinc: { topic: b }
                """);
        Diagnostic d = errors().get(0);
        assertThat(d.position()).isEqualTo(new Position("pipelines/p.yaml", 6, 3));
        assertThat(d.message()).isEqualTo("unknown field 'sinc' in pipeline spec");
        assertThat(d.hint()).contains("did you mean 'sink'?");
    }

    @Test
    void unknownStepTypeSuggestsTheClosestType() throws IOException {
        write("weir.yaml", PROJECT);
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: a }
                  steps:
                    - filtr: "x > 1"
                """);
        Diagnostic d = errors().get(0);
        assertThat(d.format()).startsWith("pipelines/p.yaml:7:7: error: unknown step type 'filtr'");
        assertThat(d.hint()).contains("did you mean 'filter'?");
    }

    @Test
    void wrongTypeSaysWhatWasExpectedAndFound() throws IOException {
        write("weir.yaml", PROJECT);
        write("topics/t.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: t }
                spec:
                  partitions: three
                """);
        Diagnostic d = errors().get(0);
        assertThat(d.position()).isEqualTo(new Position("topics/t.yaml", 5, 15));
        assertThat(d.message()).isEqualTo("'partitions' must be an integer, found a string");
    }

    @Test
    void missingRequiredFieldIsReportedAtItsMapping() throws IOException {
        write("weir.yaml", PROJECT);
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  steps: []
                """);
        Diagnostic d = errors().get(0);
        assertThat(d.position()).isEqualTo(new Position("pipelines/p.yaml", 5, 3));
        assertThat(d.message()).isEqualTo("pipeline spec is missing required field 'source'");
    }

    @Test
    void yamlSyntaxErrorHasItsPosition() throws IOException {
        write("weir.yaml", PROJECT);
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p
                spec: {}
                """);
        Diagnostic d = errors().get(0);
        assertThat(d.position().file()).isEqualTo("pipelines/p.yaml");
        assertThat(d.position().line()).isEqualTo(4);
        assertThat(d.message()).startsWith("YAML syntax error");
    }

    @Test
    void everyBadFileIsReportedInOneRun() throws IOException {
        write("weir.yaml", PROJECT);
        write("pipelines/a.yaml", "apiVersion: weir.dev/v1\nkind: Pipelin\nmetadata: { name: a }\nspec: {}\n");
        write("topics/b.yaml", "apiVersion: weir.dev/v2\nkind: Topic\nmetadata: { name: b }\nspec: {}\n");
        List<Diagnostic> all = errors();
        assertThat(all).extracting(d -> d.position().toString())
                .containsExactly("pipelines/a.yaml:2:7", "topics/b.yaml:1:13");
        assertThat(all.get(0).hint()).contains("did you mean 'Pipeline'?");
    }

    @Test
    void duplicateNamesPointAtTheFirstDeclaration() throws IOException {
        write("weir.yaml", PROJECT);
        write("topics/t.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: t }
                spec: {}
                ---
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: t }
                spec: {}
                """);
        Diagnostic d = errors().get(0);
        assertThat(d.message()).isEqualTo("Topic 't' is declared twice");
        assertThat(d.hint()).contains("it was first declared at topics/t.yaml:3:11");
    }

    @Test
    void missingProjectFileSaysHowToCreateOne() {
        Diagnostic d = errors().get(0);
        assertThat(d.message()).contains("weir.yaml is missing");
        assertThat(d.hint()).get().asString().contains("weir init");
    }

    @Test
    void environmentReferencesAreResolvedAndMissingOnesAreErrors() throws IOException {
        write("weir.yaml", PROJECT);
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: "${env:IN_TOPIC}" }
                  sink: { topic: "${env:OUT_TOPIC:-fallback}" }
                """);
        Project project = ProjectLoader.load(dir, Map.of("IN_TOPIC", "orders"));
        assertThat(project.pipelines().get(0).source().topics()).containsExactly("orders");
        assertThat(project.pipelines().get(0).sink().orElseThrow().topic()).isEqualTo("fallback");

        Diagnostic d = errors(Map.of()).get(0);
        assertThat(d.position()).isEqualTo(new Position("pipelines/p.yaml", 5, 20));
        assertThat(d.message()).isEqualTo("environment variable 'IN_TOPIC' is not set");
    }

    @Test
    void badDurationAndAggregateFunctionAreExplained() throws IOException {
        write("weir.yaml", PROJECT);
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: a }
                  steps:
                    - aggregate:
                        groupBy: k
                        window: { tumbling: 1 minute }
                        compute: { n: "count()" }
                """);
        assertThat(errors().get(0).message()).isEqualTo("'tumbling' is not a duration: '1 minute'");

        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: a }
                  steps:
                    - aggregate:
                        groupBy: k
                        compute: { n: "cnt()" }
                """);
        Diagnostic d = errors().get(0);
        assertThat(d.message()).isEqualTo("unknown aggregate function 'cnt'");
        assertThat(d.hint()).contains("did you mean 'count'?");
    }
}
