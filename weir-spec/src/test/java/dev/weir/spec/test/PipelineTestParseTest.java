package dev.weir.spec.test;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Project;
import dev.weir.spec.yaml.PlainValue;
import dev.weir.spec.yaml.YNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PipelineTestParseTest {

    @TempDir
    Path dir;

    /** Loads a project whose only test file, tests/t.yaml, is {@code test}; cases start on line 6. */
    private Project load(String cases) throws IOException {
        Files.writeString(dir.resolve("weir.yaml"), "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: p }\n");
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/t.yaml"), """
                apiVersion: weir.dev/v1
                kind: PipelineTest
                metadata: { name: t }
                spec:
                  cases:
                """ + cases.indent(4));
        return ProjectLoader.load(dir, Map.of());
    }

    private Diagnostic error(String cases) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> load(cases));
        assertThat(e).as("expected the test file to be rejected").isNotNull();
        return e.diagnostics().get(0);
    }

    @Test
    void readsInputsInOrderWithKeysTimestampsHeadersAndRawValues() throws IOException {
        Project p = load("""
                - name: one
                  input:
                    customers:
                      - { key: c-1, value: { country: DE } }
                    transactions:
                      - key: 7
                        timestamp: "2026-01-01T00:00:00Z"
                        headers: { source: test }
                        value: { amount: 4200.0, tags: [a, b] }
                      - { value: "not json", timestamp: 5 }
                      - { value: null }
                  advanceTime: 2m
                  expect: { out: { count: 1 } }
                """);

        TestCase c = p.tests().get(0).cases().get(0);
        assertThat(c.input()).extracting(InputRecord::topic)
                .containsExactly("customers", "transactions", "transactions", "transactions");
        InputRecord tx = c.input().get(1);
        assertThat(tx.key()).contains("7");
        assertThat(tx.timestamp()).contains(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        assertThat(tx.headers()).isEqualTo(Map.of("source", "test"));
        assertThat(PlainValue.of(tx.value())).isEqualTo(Map.of("amount", 4200.0, "tags", List.of("a", "b")));
        assertThat(c.input().get(2).timestamp()).contains(5L);
        assertThat(((YNode.YScalar) c.input().get(3).value()).isNull()).isTrue();
        assertThat(c.advanceTime()).contains(Duration.ofMinutes(2));
        assertThat(tx.pos().toString()).isEqualTo("tests/t.yaml:11:13");
    }

    @Test
    void aListOfRecordsWithTopicsKeepsTheirInterleaving() throws IOException {
        Project p = load("""
                - name: interleaved
                  input:
                    - { topic: a, value: { n: 1 } }
                    - { topic: b, value: { n: 2 } }
                    - { topic: a, value: { n: 3 } }
                  expect: { out: [] }
                """);

        assertThat(p.tests().get(0).cases().get(0).input()).extracting(InputRecord::topic).containsExactly("a", "b", "a");
    }

    @Test
    void readsEveryKindOfExpectationInCheckingOrderWithPositions() throws IOException {
        Project p = load("""
                - name: all kinds
                  expect:
                    alerts:
                      match: exact
                      each: "amount > 0"
                      contains: [ { value: { id: 1 } } ]
                      unordered: [ { key: a }, { key: null } ]
                      records: [ { key: a, headers: { h: v } } ]
                      count: 2
                    dlq:
                      deadLetters: [ { rule: positive-amount, step: validate, error: negative } ]
                    none: []
                """);

        List<TopicExpectation> expect = p.tests().get(0).cases().get(0).expect();
        TopicExpectation alerts = expect.get(0);
        assertThat(alerts.match()).isEqualTo(TopicExpectation.Match.EXACT);
        assertThat(alerts.checks()).extracting(x -> x.getClass().getSimpleName())
                .containsExactly("Count", "Records", "Unordered", "Contains", "Each");
        assertThat(alerts.pos().toString()).isEqualTo("tests/t.yaml:8:9");
        assertThat(alerts.checks().get(0).pos().toString()).isEqualTo("tests/t.yaml:14:18");
        Expectation.Unordered unordered = (Expectation.Unordered) alerts.checks().get(2);
        assertThat(((YNode.YScalar) unordered.records().get(1).key().orElseThrow()).isNull()).isTrue();
        Expectation.DeadLetters dl = (Expectation.DeadLetters) expect.get(1).checks().get(0);
        assertThat(dl.deadLetters().get(0).checks()).extracting(ExpectedDeadLetter.HeaderCheck::field)
                .containsExactly("step", "rule", "error");
        assertThat(expect.get(2).checks()).singleElement().isInstanceOf(Expectation.Records.class);
    }

    @Test
    void aMisspeltExpectationNamesTheClosestOne() {
        Diagnostic d = error("""
                - name: typo
                  expect:
                    out: { cuont: 1 }
                """);

        assertThat(d.position().toString()).isEqualTo("tests/t.yaml:8:16");
        assertThat(d.message()).isEqualTo("unknown field 'cuont' in expectation on 'out'");
        assertThat(d.hint()).contains("did you mean 'count'?");
    }

    @Test
    void aBadTimestampSaysWhatIsAccepted() {
        Diagnostic d = error("""
                - name: time
                  input: { t: [ { value: {}, timestamp: "yesterday" } ] }
                  expect: { out: [] }
                """);

        assertThat(d.position().toString()).isEqualTo("tests/t.yaml:7:45");
        assertThat(d.message()).contains("'timestamp' must be epoch milliseconds or an ISO-8601 time, found 'yesterday'");
    }

    @Test
    void anInputRecordNeedsAValue() {
        Diagnostic d = error("""
                - name: no value
                  input: { t: [ { key: a } ] }
                  expect: { out: [] }
                """);

        assertThat(d.message()).isEqualTo("input record for 't' has no 'value'");
        assertThat(d.hint()).contains("write value: null to send a tombstone");
    }

    @Test
    void anExpectationMustCheckSomething() {
        Diagnostic d = error("""
                - name: empty
                  expect: { out: { match: exact } }
                """);

        assertThat(d.message()).isEqualTo("expectation on 'out' checks nothing");
    }

    @Test
    void caseNamesAreUniqueWithinATest() {
        Diagnostic d = error("""
                - { name: same, expect: { out: [] } }
                - { name: same, expect: { out: [] } }
                """);

        assertThat(d.position().toString()).isEqualTo("tests/t.yaml:7:7");
        assertThat(d.message()).isEqualTo("test case 'same' is declared twice");
    }
}
