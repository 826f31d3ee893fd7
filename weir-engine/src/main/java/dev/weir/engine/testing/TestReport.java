package dev.weir.engine.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results of a test run, in the order the cases ran. */
public record TestReport(List<CaseResult> results, Duration duration) {

    public TestReport {
        results = List.copyOf(results);
    }

    public long passed() {
        return results.stream().filter(CaseResult::passed).count();
    }

    public long failed() {
        return results.size() - passed();
    }

    public boolean allPassed() {
        return failed() == 0;
    }

    /** Results grouped by test file, files in the order they ran. */
    public Map<String, List<CaseResult>> byFile() {
        Map<String, List<CaseResult>> out = new LinkedHashMap<>();
        for (CaseResult r : results) {
            out.computeIfAbsent(r.file(), f -> new ArrayList<>()).add(r);
        }
        return out;
    }
}
