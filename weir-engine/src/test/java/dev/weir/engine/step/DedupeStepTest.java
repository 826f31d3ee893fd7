package dev.weir.engine.step;

import dev.weir.engine.PipelineHarness;
import dev.weir.engine.deadletter.DeadLetterHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DedupeStepTest {

    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    private PipelineHarness payments(String dedupe) {
        return PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: payments }
                spec:
                  source: { topic: payments }
                  steps:
                    - %s
                  sink: { topic: unique-payments }
                """.formatted(dedupe));
    }

    private static String payment(String txn, int amount) {
        return "{\"transaction_id\":\"" + txn + "\",\"amount\":" + amount + "}";
    }

    @Test
    void dropsARepeatedKeyWithinTheWindow() {
        try (var h = payments("dedupe: { key: transaction_id, within: 10m }")) {
            h.send("payments", "c1", payment("t-1", 10), 0);
            h.send("payments", "c1", payment("t-1", 10), 5 * MINUTE);
            h.send("payments", "c2", payment("t-2", 20), 6 * MINUTE);
            h.send("payments", "c1", payment("t-1", 10), 10 * MINUTE);

            List<TestRecord<String, String>> out = h.read("unique-payments");
            assertThat(out).extracting(TestRecord::key).containsExactly("c1", "c2");
            assertThat(out).extracting(TestRecord::value).containsExactly(payment("t-1", 10), payment("t-2", 20));
            assertThat(out).extracting(TestRecord::timestamp).containsExactly(0L, 6 * MINUTE);
            assertThat(h.compiled().metrics().filteredCount()).isEqualTo(2);
        }
    }

    @Test
    void passesTheKeyAgainOnceItWasQuietForTheWindow() {
        try (var h = payments("dedupe: { key: transaction_id, within: 10m }")) {
            h.send("payments", "c1", payment("t-1", 1), 0);
            h.send("payments", "c1", payment("t-1", 2), 10 * MINUTE + 1);

            assertThat(h.values("unique-payments")).containsExactly(payment("t-1", 1), payment("t-1", 2));
            assertThat(h.compiled().metrics().filteredCount()).isZero();
        }
    }

    @Test
    void aDroppedRepeatStillCountsAsTheLastSighting() {
        try (var h = payments("dedupe: { key: transaction_id, within: 10m }")) {
            h.send("payments", "c1", payment("t-1", 1), 0);
            h.send("payments", "c1", payment("t-1", 2), 8 * MINUTE);
            h.send("payments", "c1", payment("t-1", 3), 16 * MINUTE);
            h.send("payments", "c1", payment("t-1", 4), 27 * MINUTE);

            assertThat(h.values("unique-payments")).containsExactly(payment("t-1", 1), payment("t-1", 4));
        }
    }

    @Test
    void keysAreForgottenOnceStreamTimeMovesPastTheWindow() {
        try (var h = payments("dedupe: { key: transaction_id, within: 1m, store: memory }")) {
            h.send("payments", "c1", payment("t-1", 1), 0);
            h.send("payments", "c2", payment("t-2", 2), 30_000);
            KeyValueStore<String, Long> seen = h.driver().getKeyValueStore(DedupeStreamStep.storeName("dedupe"));
            assertThat(seen.persistent()).isFalse();
            assertThat(entries(seen)).containsExactly(KeyValue.pair("t-1", 0L), KeyValue.pair("t-2", 30_000L));

            // Stream time 2m: the sweep forgets everything last seen before 1m.
            h.send("payments", "c3", payment("t-3", 3), 2 * MINUTE);
            assertThat(entries(seen)).containsExactly(KeyValue.pair("t-3", 2 * MINUTE));
            assertThat(h.values("unique-payments")).hasSize(3);
        }
    }

    @Test
    void recordsWithANullKeyAlwaysPass() {
        try (var h = payments("dedupe: { key: transaction_id, within: 10m }")) {
            h.send("payments", "c1", "{\"transaction_id\": null}", 0);
            h.send("payments", "c1", "{\"transaction_id\": null}", 1);

            assertThat(h.values("unique-payments")).hasSize(2);
        }
    }

    @Test
    void aKeyThatCannotBeEvaluatedGoesToTheDeadLetterTopic() {
        try (var h = payments("dedupe: { name: once, key: transaction_id, within: 10m }")) {
            h.send("payments", "c1", "{\"amount\": 5}", 0);
            h.send("payments", "c2", payment("t-2", 2), 1);

            assertThat(h.read("unique-payments")).extracting(TestRecord::key).containsExactly("c2");
            List<TestRecord<String, String>> dead = h.read("payments-dlq");
            assertThat(dead).extracting(TestRecord::key).containsExactly("c1");
            assertThat(dead).extracting(TestRecord::value).containsExactly("{\"amount\":5}");
            Map<String, String> headers = PipelineHarness.headers(dead.get(0));
            assertThat(headers).containsEntry(DeadLetterHeaders.PIPELINE, "payments")
                    .containsEntry(DeadLetterHeaders.STEP, "once")
                    .containsEntry(DeadLetterHeaders.RULE, "key")
                    .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, "payments")
                    .containsEntry(DeadLetterHeaders.SOURCE_OFFSET, "0");
            assertThat(headers.get(DeadLetterHeaders.ERROR)).contains("no field transaction_id");
        }
    }

    private static List<KeyValue<String, Long>> entries(KeyValueStore<String, Long> store) {
        List<KeyValue<String, Long>> out = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = store.all()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
