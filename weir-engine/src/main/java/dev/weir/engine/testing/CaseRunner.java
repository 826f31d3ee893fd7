package dev.weir.engine.testing;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.spec.test.Expectation;
import dev.weir.spec.test.InputRecord;
import dev.weir.spec.test.PipelineTest;
import dev.weir.spec.test.TestCase;
import dev.weir.spec.test.TopicExpectation;

import dev.weir.spec.model.Format;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one test case: fresh drivers for the tested pipelines, the inputs sent in order, the
 * wall clock moved on if asked, then every expectation checked. An error while the pipelines
 * run fails the case; it does not stop the run.
 */
final class CaseRunner {

    /** Where time starts in every case: the drivers' wall clock, and the first default record timestamp. */
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final ExpectationCheck check;
    private final WireCodec wire;
    private final Function<String, Format> formats;

    CaseRunner(Function<Expectation.Each, CompiledExpression> conditions, WireCodec wire, Function<String, Format> formats) {
        this.check = new ExpectationCheck(conditions, wire);
        this.wire = wire;
        this.formats = formats;
    }

    CaseResult run(PipelineTest test, List<CompiledPipeline> pipelines, TestCase testCase, Path stateDir) {
        long started = System.nanoTime();
        Optional<Failure> failure;
        try (PipelineNetwork network = new PipelineNetwork(pipelines, stateDir, START)) {
            failure = run(network, testCase);
        } catch (RuntimeException e) {
            failure = Optional.of(new Failure("the pipelines failed: " + rootMessage(e), testCase.pos(), List.of()));
        }
        return new CaseResult(test, testCase, Duration.ofNanos(System.nanoTime() - started), failure);
    }

    private Optional<Failure> run(PipelineNetwork network, TestCase testCase) {
        long timestamp = START.toEpochMilli() - 1;
        for (InputRecord in : testCase.input()) {
            timestamp = in.timestamp().orElse(timestamp + 1);
            network.send(InputEncoder.encode(in, timestamp, formats.apply(in.topic()), wire));
        }
        testCase.advanceTime().ifPresent(network::advanceWallClock);
        for (TopicExpectation e : testCase.expect()) {
            Optional<Failure> failure = check.check(e, network.records(e.topic()));
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    /** The innermost cause's message, which says what went wrong; its class when it is not ours. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : message + " (" + root.getClass().getSimpleName() + ")";
    }
}
