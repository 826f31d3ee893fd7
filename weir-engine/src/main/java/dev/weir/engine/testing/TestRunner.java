package dev.weir.engine.testing;

import dev.weir.engine.compile.CompiledPipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the cases of a {@link TestSuite}, each on fresh test drivers whose state lives in a
 * temporary directory that is deleted afterwards. Cases are independent, so they run on several
 * threads; results still come out in file order.
 */
public final class TestRunner {

    private TestRunner() {
    }

    /** Runs the cases the filter selects on a thread per processor; {@code listener} hears of each result in order. */
    public static TestReport run(TestSuite suite, CaseFilter filter, Consumer<CaseResult> listener) {
        return run(suite, filter, Runtime.getRuntime().availableProcessors(), listener);
    }

    public static TestReport run(TestSuite suite, CaseFilter filter, int threads, Consumer<CaseResult> listener) {
        long started = System.nanoTime();
        List<TestSuite.Selected> selected = suite.select(filter);
        int workers = Math.max(1, Math.min(threads, selected.size()));
        CaseRunner runner = new CaseRunner(suite::condition, suite.wire(), suite::inputFormat);
        List<CaseResult> results = new ArrayList<>();
        Path stateRoot = createStateRoot();
        try {
            if (workers == 1) {
                for (int i = 0; i < selected.size(); i++) {
                    CaseResult r = runCase(runner, suite.compiled(), selected.get(i), stateRoot.resolve("case-" + i));
                    results.add(r);
                    listener.accept(r);
                }
            } else {
                inParallel(suite, selected, workers, runner, stateRoot, r -> {
                    results.add(r);
                    listener.accept(r);
                });
            }
        } finally {
            PipelineNetwork.deleteRecursively(stateRoot);
        }
        return new TestReport(results, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void inParallel(TestSuite suite, List<TestSuite.Selected> selected, int workers, CaseRunner runner,
                                   Path stateRoot, Consumer<CaseResult> inOrder) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "weir-test-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // a topology may not be shared by drivers running at once: each thread compiles its own
        ThreadLocal<Map<String, CompiledPipeline>> compiled = ThreadLocal.withInitial(suite::compileAgain);
        try {
            List<Future<CaseResult>> futures = new ArrayList<>();
            for (int i = 0; i < selected.size(); i++) {
                TestSuite.Selected s = selected.get(i);
                Path stateDir = stateRoot.resolve("case-" + i);
                futures.add(pool.submit(() -> runCase(runner, compiled.get(), s, stateDir)));
            }
            for (Future<CaseResult> f : futures) {
                inOrder.accept(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running tests", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a test case could not be run: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static CaseResult runCase(CaseRunner runner, Map<String, CompiledPipeline> compiled, TestSuite.Selected s,
                                      Path stateDir) {
        List<CompiledPipeline> pipelines = s.pipelines().pipelines().stream().map(compiled::get).toList();
        return runner.run(s.test(), pipelines, s.testCase(), stateDir);
    }

    private static Path createStateRoot() {
        try {
            return Files.createTempDirectory("weir-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for test state", e);
        }
    }
}
