package dev.weir.engine.testing;

import dev.weir.spec.test.PipelineTest;
import dev.weir.spec.test.TestCase;

import java.time.Duration;
import java.util.Optional;

/** How one test case went, and how long it took (drivers started and stopped included). */
public record CaseResult(PipelineTest test, TestCase testCase, Duration duration, Optional<Failure> failure) {

    public boolean passed() {
        return failure.isEmpty();
    }

    /** The file the case was written in, relative to the project. */
    public String file() {
        return test.file();
    }

    public String name() {
        return testCase.name();
    }
}
