package dev.weir.engine.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaseFilterTest {

    @TempDir
    Path dir;

    private TestProject threeCases() {
        return TestProject.payments(dir).cases("""
                - { name: accepts a payment, input: { payments: [ { value: { customer_id: c-1, amount: 5 } } ] }, expect: { accepted: { count: 1 } } }
                - { name: rejects a negative amount, input: { payments: [ { value: { amount: -5 } } ] }, expect: { accepted: [] } }
                - { name: rejects text, input: { payments: [ { value: "x" } ] }, expect: { accepted: [] } }
                """);
    }

    private List<String> ran(String filter) {
        return threeCases().run(CaseFilter.of(filter)).results().stream().map(CaseResult::name).toList();
    }

    @Test
    void plainTextMatchesPartOfTheNameIgnoringCase() {
        assertThat(ran("REJECTS")).containsExactly("rejects a negative amount", "rejects text");
    }

    @Test
    void textMayIncludeTheTestOrFileName() {
        assertThat(ran("t/accepts")).containsExactly("accepts a payment");
        assertThat(ran("tests/t.yaml/rejects t")).containsExactly("rejects text");
    }

    @Test
    void aGlobMustMatchAWholeName() {
        assertThat(ran("*negative*")).containsExactly("rejects a negative amount");
        assertThat(ran("t/rejects ????")).containsExactly("rejects text");
        assertThat(ran("negative*")).isEmpty();
    }

    @Test
    void allCasesRunWithoutAFilterInFileOrder() {
        TestReport report = threeCases().run(CaseFilter.ALL);

        assertThat(report.results()).extracting(CaseResult::name)
                .containsExactly("accepts a payment", "rejects a negative amount", "rejects text");
        assertThat(report.passed()).isEqualTo(3);
    }
}
