package dev.weir.engine.testing;

import dev.weir.spec.Position;

import java.util.List;

/**
 * Why a test case failed: the first difference found, where in the test file the expectation
 * that caught it was written, and lines that help to see why (e.g. the actual records).
 */
public record Failure(String message, Position pos, List<String> details) {

    public Failure {
        details = List.copyOf(details);
    }

    /** {@code file:line:col: message}, then the details, one per line. */
    public String format() {
        StringBuilder out = new StringBuilder(pos + ": " + message);
        details.forEach(d -> out.append('\n').append(d));
        return out.toString();
    }
}
