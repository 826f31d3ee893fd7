package dev.weir.engine.testing;

import dev.weir.spec.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TestSuiteCheckTest {

    @TempDir
    Path dir;

    @Test
    void aTestNamingAMissingPipelineSaysWhichOnesExist() {
        List<Diagnostic> mistakes = TestProject.payments(dir).casesFor("paymnets", """
                - { name: x, expect: { accepted: [] } }
                """).mistakes();

        assertThat(mistakes).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("test 't' names pipeline 'paymnets', which the project does not have");
            assertThat(d.position()).hasToString("tests/t.yaml:5:15");
            assertThat(d.hint()).contains("did you mean 'payments'?");
        });
    }

    @Test
    void anExpectationOnATopicNoPipelineWritesIsAMistake() {
        List<Diagnostic> mistakes = TestProject.payments(dir).cases("""
                - { name: x, input: { payments: [ { value: {} } ] }, expect: { acepted: [] } }
                """).mistakes();

        assertThat(mistakes).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("no pipeline under test writes topic 'acepted'");
            assertThat(d.position()).hasToString("tests/t.yaml:6:68");
            assertThat(d.hint()).contains("did you mean 'accepted'?");
        });
    }

    @Test
    void aValueAJsonTopicCannotCarryIsAMistakeAtTheValue() {
        List<Diagnostic> mistakes = TestProject.payments(dir).cases("""
                - name: x
                  input:
                    payments:
                      - { value: [1, 2] }
                      - { value: 42 }
                  expect: { accepted: [] }
                """).mistakes();

        assertThat(mistakes).extracting(Diagnostic::message).containsExactly(
                "value for json topic 'payments' must be a mapping (sent as a JSON object) or a string (sent as raw text), found a list",
                "value for json topic 'payments' must be a mapping (sent as a JSON object) or a string (sent as raw text), found an integer");
        assertThat(mistakes.get(0).position()).hasToString("tests/t.yaml:9:22");
        assertThat(mistakes.get(1).hint()).contains("to send the bare JSON 42, quote it: value: \"42\"");
    }

    @Test
    void anInvalidEachExpressionIsAMistakeAtTheExpression() {
        List<Diagnostic> mistakes = TestProject.payments(dir).cases("""
                - { name: x, expect: { accepted: { each: "amount >" } } }
                """).mistakes();

        assertThat(mistakes).singleElement().satisfies(d -> {
            assertThat(d.message()).startsWith("invalid expression 'amount >'");
            assertThat(d.position().line()).isEqualTo(6);
        });
    }

    @Test
    void everyMistakeOfEveryCaseIsReportedAtOnce() {
        List<Diagnostic> mistakes = TestProject.payments(dir).cases("""
                - { name: a, input: { paymets: [ { value: {} } ] }, expect: { accepted: [] } }
                - { name: b, expect: { nowhere: [] } }
                """).mistakes();

        assertThat(mistakes).extracting(Diagnostic::message).containsExactly(
                "no pipeline under test reads topic 'paymets'", "no pipeline under test writes topic 'nowhere'");
    }
}
