package dev.weir.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the cases of a {@link TestSuite} one after another, each on fresh test drivers whose
 * state lives in a temporary directory that is deleted afterwards.
 */
public final class TestRunner {

    private TestRunner() {
    }

    /** Runs the cases the filter selects; {@code listener} hears of each result as it comes. */
    public static TestReport run(TestSuite suite, CaseFilter filter, Consumer<CaseResult> listener) {
        long started = System.nanoTime();
        CaseRunner runner = new CaseRunner(suite::condition);
        List<CaseResult> results = new ArrayList<>();
        Path stateRoot = createStateRoot();
        try {
            int n = 0;
            for (TestSuite.Selected s : suite.select(filter)) {
                CaseResult r = runner.run(s.test(), s.pipelines(), s.testCase(), stateRoot.resolve("case-" + n++));
                results.add(r);
                listener.accept(r);
            }
        } finally {
            PipelineNetwork.deleteRecursively(stateRoot);
        }
        return new TestReport(results, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Path createStateRoot() {
        try {
            return Files.createTempDirectory("weir-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for test state", e);
        }
    }
}
