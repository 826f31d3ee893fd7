package dev.weir.engine.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterExpectationTest {

    @TempDir
    Path dir;

    /** Sends a negative amount, then a line that is not JSON, and checks {@code expect}. */
    private TestProject badPayments(String expect) {
        return TestProject.payments(dir).cases("""
                - name: bad payments
                  input:
                    payments:
                      - { key: p-1, value: { customer_id: c-1, amount: -5 } }
                      - { key: p-2, value: "{ not json" }
                  expect:
                """ + expect.indent(4));
    }

    @Test
    void deadLettersMatchPipelineStepRuleAndPartOfTheError() {
        badPayments("""
                payments-dlq:
                  deadLetters:
                    - { pipeline: payments, step: validate, rule: positive-amount, error: "amount > 0" }
                    - { step: source, rule: decode, error: cannot decode json }
                  contains: [ { value: { amount: -5 } }, { value: "{ not json" } ]
                accepted: []
                """).passes();
    }

    @Test
    void aWrongRuleNamesTheHeaderAndShowsTheRecordsHeaders() {
        Failure f = badPayments("""
                payments-dlq:
                  deadLetters: [ { rule: positive }, { rule: decode } ]
                """).failure();

        assertThat(f.message()).isEqualTo("payments-dlq record 1: header weir.rule: expected \"positive\", "
                + "actual \"positive-amount\"");
        assertThat(f.pos()).hasToString("tests/t.yaml:13:34");
        assertThat(f.details()).singleElement().asString()
                .startsWith("actual record 1: key \"p-1\", headers {\"weir.pipeline\":\"payments\"");
    }

    @Test
    void anErrorIsMatchedByWhatItContains() {
        Failure f = badPayments("""
                payments-dlq:
                  deadLetters: [ {}, { error: "not a number" } ]
                """).failure();

        assertThat(f.message()).startsWith("payments-dlq record 2: header weir.error: expected to contain "
                + "\"not a number\", actual \"cannot decode json");
    }

    @Test
    void theNumberOfDeadLettersIsChecked() {
        Failure f = badPayments("payments-dlq:\n  deadLetters: [ { rule: positive-amount } ]").failure();

        assertThat(f.message()).isEqualTo("payments-dlq: expected 1 dead letter, got 2");
    }
}
