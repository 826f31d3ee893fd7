package dev.weir.engine.testing;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A project written as YAML text for runner tests. {@link #cases} writes {@code tests/t.yaml},
 * whose first case starts on line 6, indented by 4 columns.
 */
final class TestProject {

    /** Validates payments, adds the customer, copies large ones to large-payments, writes accepted. */
    static final String PAYMENTS = """
            apiVersion: weir.dev/v1
            kind: Pipeline
            metadata: { name: payments }
            spec:
              source: { topic: payments }
              steps:
                - validate: { rules: [ { name: positive-amount, expr: "amount > 0" } ] }
                - enrich: { table: customers, key: customer_id, as: customer }
                - route: [ { when: "amount > 1000.0", to: large-payments, continue: true } ]
              sink: { topic: accepted }
            """;

    static final String CUSTOMERS = """
            apiVersion: weir.dev/v1
            kind: Topic
            metadata: { name: customers }
            spec: { config: { cleanup.policy: compact } }
            """;

    private final Path dir;

    TestProject(Path dir) {
        this.dir = dir;
        file("weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: demo }\n");
    }

    /** The payments pipeline and its customers table. */
    static TestProject payments(Path dir) {
        return new TestProject(dir).file("topics/customers.yaml", CUSTOMERS).file("pipelines/payments.yaml", PAYMENTS);
    }

    TestProject file(String path, String text) {
        try {
            Path p = dir.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TestProject cases(String cases) {
        return file("tests/t.yaml", """
                apiVersion: weir.dev/v1
                kind: PipelineTest
                metadata: { name: t }
                spec:
                  cases:
                """ + cases.indent(4));
    }

    /** A test of only the named pipelines; its first case starts on line 7. */
    TestProject casesFor(String pipelines, String cases) {
        return file("tests/t.yaml", """
                apiVersion: weir.dev/v1
                kind: PipelineTest
                metadata: { name: t }
                spec:
                  pipelines: [%s]
                  cases:
                """.formatted(pipelines) + cases.indent(4));
    }

    Project load() {
        return ProjectLoader.load(dir, Map.of());
    }

    TestReport run(CaseFilter filter) {
        return TestRunner.run(TestSuite.of(load()), filter, r -> { });
    }

    List<CaseResult> results() {
        return run(CaseFilter.ALL).results();
    }

    /** Runs the one case of the test file and returns its failure, or null when it passed. */
    Failure failure() {
        List<CaseResult> results = results();
        assertThat(results).hasSize(1);
        return results.get(0).failure().orElse(null);
    }

    /** Runs the one case of the test file and checks it passed, showing the failure if not. */
    void passes() {
        Failure f = failure();
        assertThat(f == null ? null : f.format()).as("the case fails").isNull();
    }

    /** The mistakes checking the tests against the project reports. */
    List<Diagnostic> mistakes() {
        SpecException e = catchThrowableOfType(SpecException.class, () -> TestSuite.of(load()));
        assertThat(e).as("expected the tests to be rejected").isNotNull();
        return e.diagnostics();
    }
}
