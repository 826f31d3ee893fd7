package dev.weir.engine.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectationKindsTest {

    @TempDir
    Path dir;

    /** A case sending two payments of customer c-1 (from DE), 20.0 then 4200.0, and checking {@code expect}. */
    private TestProject twoPayments(String expect) {
        return TestProject.payments(dir).cases("""
                - name: two payments
                  input:
                    customers:
                      - { key: c-1, value: { name: Ada, country: DE } }
                    payments:
                      - { key: p-1, value: { customer_id: c-1, amount: 20.0 } }
                      - { key: p-2, value: { customer_id: c-1, amount: 4200.0 } }
                  expect:
                """ + expect.indent(4));
    }

    @Test
    void countPassesAndFailsWithExpectedAndGot() {
        twoPayments("accepted: { count: 2 }\nlarge-payments: { count: 1 }").passes();

        Failure f = twoPayments("large-payments: { count: 2 }").failure();

        assertThat(f.message()).isEqualTo("large-payments: expected 2 records, got 1");
        assertThat(f.pos()).hasToString("tests/t.yaml:14:34");
        assertThat(f.details()).containsExactly("actual records on large-payments:",
                "  1: key \"p-2\", value {\"customer_id\":\"c-1\",\"amount\":4200.0,\"customer\":{\"name\":\"Ada\",\"country\":\"DE\"}}");
    }

    @Test
    void recordsCompareListedFieldsInOrderAndNameTheFirstDifferentField() {
        twoPayments("""
                accepted:
                  records:
                    - { key: p-1, value: { amount: 20 } }
                    - { key: p-2, value: { customer: { country: DE } } }
                """).passes();

        Failure f = twoPayments("""
                accepted:
                  records:
                    - { key: p-1 }
                    - { key: p-2, value: { customer: { country: FR } } }
                """).failure();

        assertThat(f.message()).isEqualTo("accepted record 2: $.customer.country: expected \"FR\", actual \"DE\"");
        assertThat(f.pos()).as("the expected field").hasToString("tests/t.yaml:17:57");
        assertThat(f.details()).singleElement().asString().startsWith("actual record 2: key \"p-2\", value {");
    }

    @Test
    void recordsInAnotherOrderFailOnTheKey() {
        Failure f = twoPayments("accepted:\n  records: [ { key: p-2 }, { key: p-1 } ]").failure();

        assertThat(f.message()).isEqualTo("accepted record 1: key: expected \"p-2\", actual \"p-1\"");
        assertThat(f.pos()).hasToString("tests/t.yaml:15:29");
    }

    @Test
    void aMissingFieldAndAWrongTypeAreNamed() {
        assertThat(twoPayments("accepted:\n  records: [ { value: { currency: EUR } }, {} ]").failure().message())
                .isEqualTo("accepted record 1: $.currency: expected \"EUR\", actual: no such field");
        assertThat(twoPayments("accepted:\n  records: [ { value: { amount: \"20.0\" } }, {} ]").failure().message())
                .isEqualTo("accepted record 1: $.amount: expected \"20.0\", actual 20.0");
    }

    @Test
    void exactMatchReportsAFieldTheTestDoesNotList() {
        Failure f = twoPayments("""
                large-payments:
                  match: exact
                  records:
                    - value: { customer_id: c-1, amount: 4200, customer: { name: Ada } }
                """).failure();

        assertThat(f.message()).isEqualTo("large-payments record 1: $.customer.country: not expected, actual \"DE\"");
    }

    @Test
    void unorderedTakesAnyOrderAndNamesTheClosestRecordWhenOneIsMissing() {
        twoPayments("accepted:\n  unordered: [ { key: p-2 }, { key: p-1 } ]").passes();

        Failure f = twoPayments("""
                accepted:
                  unordered:
                    - { value: { amount: 4200.0 } }
                    - { value: { amount: 21.0, customer_id: c-1 } }
                """).failure();

        assertThat(f.message()).isEqualTo("accepted: expected record 2 matches no record; closest is record 1: "
                + "$.amount: expected 21.0, actual 20.0");
        assertThat(f.pos()).hasToString("tests/t.yaml:17:34");
    }

    @Test
    void unorderedChecksTheNumberOfRecordsFirst() {
        assertThat(twoPayments("accepted:\n  unordered: [ { key: p-2 } ]").failure().message())
                .isEqualTo("accepted: expected 1 record, got 2");
    }

    @Test
    void containsAllowsOtherRecordsButUsesEachOnlyOnce() {
        twoPayments("accepted:\n  contains: [ { value: { amount: 4200 } } ]").passes();

        Failure f = twoPayments("accepted:\n  contains: [ { value: { customer_id: c-1 } }, { value: { customer_id: c-1 } },"
                + " { value: { customer_id: c-1 } } ]").failure();

        assertThat(f.message()).isEqualTo("accepted: expected record 3 matches no record of its own: "
                + "the records it matches match other expected records too");
    }

    @Test
    void eachHoldsForEveryRecordOrNamesTheFirstThatBreaksIt() {
        twoPayments("accepted: { each: \"customer.country == 'DE' && amount >= 20\" }").passes();

        Failure f = twoPayments("accepted: { each: \"amount < 1000.0\" }").failure();

        assertThat(f.message()).isEqualTo("accepted record 2: 'amount < 1000.0' is false");
        assertThat(f.pos()).hasToString("tests/t.yaml:14:27");
    }

    @Test
    void eachThatCannotBeEvaluatedOnARecordFailsTheCase() {
        Failure f = twoPayments("accepted: { each: \"currency == 'EUR'\" }").failure();

        assertThat(f.message()).isEqualTo("accepted record 1: each: 'currency == 'EUR'': no field currency in the record "
                + "(it has: customer_id, amount, customer)");
    }

    @Test
    void headersAndKeysAreCompared() {
        TestProject p = TestProject.payments(dir).cases("""
                - name: headers travel
                  input:
                    payments:
                      - { value: { customer_id: c-9, amount: 5 }, headers: { source: test } }
                  expect:
                    accepted: [ { key: null, headers: { source: test } } ]
                """);
        p.passes();

        assertThat(p.cases("""
                - name: headers travel
                  input:
                    payments: [ { value: { customer_id: c-9, amount: 5 } } ]
                  expect:
                    accepted: [ { headers: { source: test } } ]
                """).failure().message()).isEqualTo("accepted record 1: header source: expected \"test\", actual none");
    }

    @Test
    void aStringExpectationMatchesARecordsText() {
        TestProject.payments(dir).cases("""
                - name: raw text is dead-lettered as it came
                  input:
                    payments: [ { key: p-1, value: "not json" } ]
                  expect:
                    payments-dlq: [ { key: p-1, value: "not json" } ]
                    accepted: []
                """).passes();
    }

    @Test
    void anExpectationOnAnInputTopicSeesTheInput() {
        TestProject.payments(dir).cases("""
                - name: inputs are on their topic too
                  input:
                    payments: [ { value: { amount: 5 } } ]
                  expect:
                    payments: [ { value: { amount: 5 } } ]
                """).passes();
    }
}
