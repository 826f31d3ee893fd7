package dev.weir.cli;

import dev.weir.engine.testing.CaseResult;
import dev.weir.engine.testing.Failure;
import dev.weir.engine.testing.TestReport;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints test results for a terminal or a CI log: a line per case as it finishes ({@code ok} or
 * {@code FAIL}, plain ASCII), under a failing case where it failed and why, then
 * {@code N passed, M failed} on a line of its own.
 */
final class TestReportPrinter {

    private static final String INDENT = "      ";

    private final PrintStream out;

    TestReportPrinter(PrintStream out) {
        this.out = out;
    }

    void caseDone(CaseResult r) {
        out.printf("%-5s %s: %s (%d ms)%n", r.passed() ? "ok" : "FAIL", r.file(), r.name(), r.duration().toMillis());
        if (r.failure().isPresent()) {
            Failure f = r.failure().get();
            out.println(INDENT + f.pos() + ": " + f.message());
            f.details().forEach(d -> out.println(INDENT + "  " + d));
        }
    }

    void summary(TestReport report) {
        out.println();
        out.printf(Locale.ROOT, "Ran %d case%s in %.1f s%n", report.results().size(),
                report.results().size() == 1 ? "" : "s", report.duration().toMillis() / 1000.0);
        out.println(report.passed() + " passed, " + report.failed() + " failed");
    }
}
