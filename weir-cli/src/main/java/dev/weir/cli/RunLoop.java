package dev.weir.cli;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.server.ProjectRuntime;
import dev.weir.server.StatusReporter;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a started project running: prints what flows every few seconds until Ctrl-C (or SIGTERM),
 * then closes everything in order so no committed record is lost.
 */
final class RunLoop {

    private RunLoop() {
    }

    static void describe(PrintStream out, ProjectRuntime runtime, List<CompiledPipeline> pipelines) {
        if (!runtime.createdTopics().isEmpty()) {
            out.printf("  topics      created %d: %s%n", runtime.createdTopics().size(),
                    String.join(", ", runtime.createdTopics()));
        }
        for (String line : runtime.generators().describe()) {
            out.printf("  generator   %s%n", line);
        }
        for (CompiledPipeline p : pipelines) {
            List<String> outputs = new ArrayList<>(new TreeSet<>(p.outputTopics()));
            outputs.remove(p.pipeline().errors().deadLetterTopic());
            out.printf("  pipeline    %s: %s -> %s  (dead letters: %s, %s)%n", p.name(),
                    String.join(", ", new TreeSet<>(p.inputTopics())), String.join(", ", outputs),
                    p.pipeline().errors().deadLetterTopic(), p.pipeline().guarantee().name().toLowerCase().replace('_', '-'));
        }
        out.printf("  state       %s%n", runtime.stateDirectory());
    }

    /** Blocks until the process is asked to stop, reporting every {@code interval}; then runs {@code shutdown}. */
    static void run(PrintStream out, ProjectRuntime runtime, Duration interval, Runnable shutdown) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "weir-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Press Ctrl-C to stop.");
        StatusReporter reporter = new StatusReporter(out);
        try {
            while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                reporter.report(runtime.statusRows(), runtime.generators().statusLines());
            }
            out.println("Stopping: finishing in-flight transactions...");
        } finally {
            shutdown.run();
            out.println("Stopped cleanly.");
            out.flush();
            stopped.countDown();
        }
    }
}
