package dev.weir.engine.step;

import dev.weir.engine.PipelineHarness;
import dev.weir.engine.deadletter.DeadLetterHeaders;
import dev.weir.engine.record.Json;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordStepsTest {

    @TempDir
    Path dir;

    private static Map<String, Object> parse(String json) throws IOException {
        return Json.parseObject(json.getBytes());
    }

    @Test
    void filterKeepsRecordsWhereTheExpressionHolds() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: big }
                spec:
                  source: { topic: in }
                  steps:
                    - filter: "amount > 100"
                  sink: { topic: out }
                """)) {
            h.send("in", "a", "{\"amount\": 150.5}", 1);
            h.send("in", "b", "{\"amount\": 20}", 2);
            h.send("in", "c", "{\"amount\": 101}", 3);
            List<TestRecord<String, String>> out = h.read("out");
            assertThat(out).extracting(TestRecord::key).containsExactly("a", "c");
            assertThat(h.compiled().metrics().filteredCount()).isEqualTo(1);
            assertThat(h.compiled().metrics().in()).isEqualTo(3);
            assertThat(h.compiled().metrics().out()).isEqualTo(2);
        }
    }

    @Test
    void mapSetsRenamesAndDropsFields() throws IOException {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: reshape }
                spec:
                  source: { topic: in }
                  steps:
                    - map:
                        set: { cents: "int(amount * 100.0)", label: "name + '!'" }
                        rename: { name: customer_name }
                        drop: [secret]
                  sink: { topic: out }
                """)) {
            h.send("in", "k", "{\"amount\": 1.25, \"name\": \"Ada\", \"secret\": \"x\"}", 1);
            assertThat(parse(h.values("out").get(0)))
                    .isEqualTo(Map.of("amount", 1.25, "customer_name", "Ada", "cents", 125L, "label", "Ada!"));
        }
    }

    @Test
    void maskHashesRedactsAndKeepsLastCharacters() throws IOException {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: masking }
                spec:
                  source: { topic: in }
                  steps:
                    - mask: { fields: [card], method: keep-last, keep: 4 }
                    - mask: { fields: [email], method: hash, salt: "${env:CARD_SALT}" }
                    - mask: { fields: [phone], method: redact }
                  sink: { topic: out }
                """)) {
            h.send("in", "k", "{\"card\": \"4111111111111111\", \"email\": \"a@b.c\", \"phone\": \"123\"}", 1);
            h.send("in", "k", "{\"card\": \"4111111111111111\", \"email\": \"a@b.c\", \"phone\": null}", 2);
            List<String> out = h.values("out");
            Map<String, Object> first = parse(out.get(0));
            Map<String, Object> second = parse(out.get(1));
            assertThat(first.get("card")).isEqualTo("************1111");
            assertThat((String) first.get("email")).hasSize(64).isNotEqualTo("a@b.c");
            assertThat(second.get("email")).as("same input, same hash").isEqualTo(first.get("email"));
            assertThat(first.get("phone")).isEqualTo("****");
            assertThat(second.get("phone")).isNull();
        }
    }

    @Test
    void validateDeadLettersWithRuleAndSourcePosition() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: checks }
                spec:
                  source: { topic: in }
                  steps:
                    - validate:
                        required: [id]
                        types: { amount: number }
                        rules:
                          - { name: positive-amount, expr: "amount > 0" }
                  sink: { topic: out }
                  errors: { deadLetterTopic: bad }
                """)) {
            h.send("in", "1", "{\"id\": 1, \"amount\": 5}", 1);
            h.send("in", "2", "{\"amount\": 5}", 2);
            h.send("in", "3", "{\"id\": 3, \"amount\": \"five\"}", 3);
            h.send("in", "4", "{\"id\": 4, \"amount\": -1}", 4);
            assertThat(h.read("out")).extracting(TestRecord::key).containsExactly("1");
            List<TestRecord<String, String>> dead = h.read("bad");
            assertThat(dead).extracting(TestRecord::key).containsExactly("2", "3", "4");
            assertThat(dead).extracting(r -> PipelineHarness.headers(r).get(DeadLetterHeaders.RULE))
                    .containsExactly("required:id", "type:amount", "positive-amount");
            Map<String, String> h4 = PipelineHarness.headers(dead.get(2));
            assertThat(h4).containsEntry(DeadLetterHeaders.PIPELINE, "checks")
                    .containsEntry(DeadLetterHeaders.STEP, "validate")
                    .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, "in")
                    .containsEntry(DeadLetterHeaders.SOURCE_PARTITION, "0")
                    .containsEntry(DeadLetterHeaders.SOURCE_OFFSET, "3");
            assertThat(h4.get(DeadLetterHeaders.ERROR)).contains("amount > 0");
            assertThat(h.compiled().metrics().dead()).isEqualTo(3);
        }
    }

    @Test
    void undecodableRecordsGoToTheDefaultDeadLetterTopicWithTheirBytes() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: parse }
                spec:
                  source: { topic: in }
                  sink: { topic: out }
                """)) {
            h.send("in", "1", "{\"ok\": true}", 1);
            h.send("in", "2", "{\"broken\": ", 2);
            h.send("in", "3", "[1, 2]", 3);
            assertThat(h.read("out")).hasSize(1);
            List<TestRecord<String, String>> dead = h.read("parse-dlq");
            assertThat(dead).extracting(TestRecord::value).containsExactly("{\"broken\": ", "[1, 2]");
            assertThat(PipelineHarness.headers(dead.get(0)))
                    .containsEntry(DeadLetterHeaders.STEP, "source")
                    .containsEntry(DeadLetterHeaders.RULE, "decode");
        }
    }

    @Test
    void expressionErrorsDeadLetterInsteadOfStoppingThePipeline() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: fragile }
                spec:
                  source: { topic: in }
                  steps:
                    - filter: "amount > 10"
                  sink: { topic: out }
                """)) {
            h.send("in", "1", "{\"amount\": \"many\"}", 1);
            h.send("in", "2", "{\"other\": 1}", 2);
            h.send("in", "3", "{\"amount\": 11}", 3);
            assertThat(h.read("out")).extracting(TestRecord::key).containsExactly("3");
            List<TestRecord<String, String>> dead = h.read("fragile-dlq");
            assertThat(dead).hasSize(2);
            assertThat(PipelineHarness.headers(dead.get(1)).get(DeadLetterHeaders.ERROR)).contains("no field amount");
        }
    }

    @Test
    void sourceKeyAndTimestampComeFromFieldsAndSinkKeyFromAnExpression() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: keyed }
                spec:
                  source: { topic: in, key: customer_id, timestamp: ts }
                  sink: { topic: out, key: "customer_id + '/' + string(n)" }
                """)) {
            h.send("in", null, "{\"customer_id\": \"c-1\", \"n\": 1, \"ts\": \"2026-01-01T00:00:00Z\"}", 5);
            h.send("in", null, "{\"customer_id\": \"c-2\", \"n\": 2, \"ts\": 1700000000000}", 6);
            h.send("in", null, "{\"customer_id\": \"c-3\", \"n\": 3, \"ts\": \"yesterday\"}", 7);
            List<TestRecord<String, String>> out = h.read("out");
            assertThat(out).extracting(TestRecord::key).containsExactly("c-1/1", "c-2/2");
            assertThat(out).extracting(TestRecord::timestamp).containsExactly(1767225600000L, 1700000000000L);
            assertThat(PipelineHarness.headers(h.read("keyed-dlq").get(0)).get(DeadLetterHeaders.ERROR))
                    .contains("event time");
        }
    }

    @Test
    void stringFormatExposesTheTextAsValue() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: lines }
                spec:
                  source: { topic: in, format: string }
                  steps:
                    - filter: "value.startsWith('ERROR')"
                    - map: { set: { value: "value.lowerAscii()" } }
                  sink: { topic: out, format: string }
                """)) {
            h.send("in", "1", "ERROR disk full", 1);
            h.send("in", "2", "INFO ok", 2);
            assertThat(h.values("out")).containsExactly("error disk full");
        }
    }

    @Test
    void routeSendsToFirstMatchingBranchContinuesAndDefaults() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: router }
                spec:
                  source: { topic: in }
                  steps:
                    - route:
                        - { when: "amount > 1000", to: huge, continue: true }
                        - { when: "amount > 100", to: big }
                  sink: { topic: out }
                """)) {
            h.send("in", "a", "{\"amount\": 5000}", 1);
            h.send("in", "b", "{\"amount\": 500}", 2);
            h.send("in", "c", "{\"amount\": 5}", 3);
            assertThat(h.read("huge")).extracting(TestRecord::key).containsExactly("a");
            assertThat(h.read("big")).extracting(TestRecord::key).containsExactly("b");
            assertThat(h.read("out")).extracting(TestRecord::key).containsExactly("a", "c");
        }
    }

    @Test
    void routeDefaultBranchTakesUnmatchedRecords() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: router2 }
                spec:
                  source: { topic: in }
                  steps:
                    - route:
                        - { when: "country == 'DE'", to: de }
                        - { default: elsewhere }
                """)) {
            h.send("in", "a", "{\"country\": \"DE\"}", 1);
            h.send("in", "b", "{\"country\": \"FR\"}", 2);
            h.send("in", "c", "{\"nation\": \"FR\"}", 3);
            assertThat(h.read("de")).extracting(TestRecord::key).containsExactly("a");
            assertThat(h.read("elsewhere")).extracting(TestRecord::key).containsExactly("b");
            assertThat(PipelineHarness.headers(h.read("router2-dlq").get(0)))
                    .containsEntry(DeadLetterHeaders.STEP, "route")
                    .containsEntry(DeadLetterHeaders.RULE, "branch-0");
        }
    }

    @Test
    void stepsThatChangeRecordsInPlaceLeaveOtherBranchesAndDeadLettersAsTheySawThem() throws IOException {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: owners }
                spec:
                  source: { topic: in }
                  steps:
                    - map: { set: { tag: "'seen'" } }
                    - route:
                        - { when: "amount > 1000", to: huge, continue: true }
                    - mask: { fields: [card], method: redact }
                    - map: { set: { first: "1", ratio: "100 / amount" } }
                  sink: { topic: out }
                """)) {
            h.send("in", "a", "{\"amount\": 5000, \"card\": \"4111\"}", 1);
            h.send("in", "b", "{\"amount\": 0, \"card\": \"1234\"}", 2);

            // The branch got the record before mask and map changed the main stream's copy.
            assertThat(parse(h.values("huge").get(0))).isEqualTo(Map.of("amount", 5000L, "card", "4111", "tag", "seen"));
            assertThat(parse(h.values("out").get(0))).isEqualTo(
                    Map.of("amount", 5000L, "card", "****", "tag", "seen", "first", 1L, "ratio", 0L));
            // The second map failed on b: the dead letter holds b as that step got it, without 'first'.
            assertThat(parse(h.values("owners-dlq").get(0))).isEqualTo(Map.of("amount", 0L, "card", "****", "tag", "seen"));
        }
    }
}
