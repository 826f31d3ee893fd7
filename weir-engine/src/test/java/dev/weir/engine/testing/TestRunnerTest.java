package dev.weir.engine.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestRunnerTest {

    @TempDir
    Path dir;

    private TestProject sixCases() {
        StringBuilder cases = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            cases.append("""
                    - name: case %d
                      input: { payments: [ { key: p-%d, value: { customer_id: c-1, amount: %d } } ] }
                      expect: { accepted: { count: %d } }
                    """.formatted(i, i, i % 2 == 0 ? 5 : -5, 1));
        }
        return TestProject.payments(dir).cases(cases.toString());
    }

    private static List<String> outcomes(List<CaseResult> results) {
        return results.stream().map(r -> r.name() + (r.passed() ? " ok" : " FAIL " + r.failure().orElseThrow().message()))
                .toList();
    }

    @Test
    void casesOnSeveralThreadsReportInFileOrderAsOnOne() {
        TestSuite suite = TestSuite.of(sixCases().load());
        List<String> heard = new ArrayList<>();

        TestReport serial = TestRunner.run(suite, CaseFilter.ALL, 1, r -> { });
        TestReport parallel = TestRunner.run(suite, CaseFilter.ALL, 3, r -> heard.add(r.name()));

        assertThat(outcomes(parallel.results())).isEqualTo(outcomes(serial.results()));
        assertThat(heard).containsExactly("case 0", "case 1", "case 2", "case 3", "case 4", "case 5");
        assertThat(parallel.passed()).isEqualTo(3);
        assertThat(parallel.results().get(1).failure().orElseThrow().message())
                .isEqualTo("accepted: expected 1 record, got 0");
    }

    @Test
    void aCasesStateIsDeletedWhenItsPipelinesClose() throws Exception {
        TestSuite suite = TestSuite.of(sixCases().load());
        Path state = dir.resolve("state/case-0");

        try (PipelineNetwork network = new PipelineNetwork(List.copyOf(suite.compiled().values()), state,
                CaseRunner.START)) {
            network.send(new TopicRecord("payments", "p-1", "{\"amount\": 1}".getBytes(), Map.of(), 0));
            Files.createDirectories(state.resolve("payments"));
            Files.writeString(state.resolve("payments/store"), "state a persistent store would keep");
        }

        assertThat(state).doesNotExist();
    }
}
