package dev.weir.engine.step;

import dev.weir.engine.PipelineHarness;
import dev.weir.engine.deadletter.DeadLetterHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JoinStepTest {

    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    private PipelineHarness checkout(String join) {
        return PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: checkout }
                spec:
                  source: { topic: orders }
                  steps:
                    - join: { %s }
                  sink: { topic: paid-orders }
                """.formatted(join));
    }

    private static String order(String id) {
        return "{\"order_id\":\"" + id + "\",\"amount\":10}";
    }

    private static String payment(String id) {
        return "{\"order_id\":\"" + id + "\",\"method\":\"card\"}";
    }

    private static String paid(String id) {
        return "{\"order_id\":\"" + id + "\",\"amount\":10,\"payment\":" + payment(id) + "}";
    }

    private static String unpaid(String id) {
        return "{\"order_id\":\"" + id + "\",\"amount\":10,\"payment\":null}";
    }

    private static List<KeyValue<String, String>> keyValues(List<TestRecord<String, String>> records) {
        return records.stream().map(r -> KeyValue.pair(r.key(), r.value())).toList();
    }

    @Test
    void innerJoinMatchesRecordsWithinTheWindowInEitherOrder() {
        try (var h = checkout("topic: payments, key: order_id, within: 5m, as: payment")) {
            h.send("orders", "cart-1", order("o-1"), 0);
            h.send("payments", "p-1", payment("o-1"), 2 * MINUTE);
            h.send("payments", "p-2", payment("o-2"), 3 * MINUTE);
            h.send("orders", "cart-2", order("o-2"), 4 * MINUTE);

            List<TestRecord<String, String>> out = h.read("paid-orders");
            assertThat(keyValues(out)).containsExactly(KeyValue.pair("o-1", paid("o-1")), KeyValue.pair("o-2", paid("o-2")));
            assertThat(out).extracting(TestRecord::timestamp).containsExactly(2 * MINUTE, 4 * MINUTE);
            assertThat(h.compiled().metrics().in()).isEqualTo(4);
        }
    }

    @Test
    void innerJoinDoesNotMatchRecordsFurtherApartThanWithin() {
        try (var h = checkout("topic: payments, key: order_id, within: 5m, as: payment")) {
            h.send("orders", "cart-1", order("o-1"), 0);
            h.send("payments", "p-1", payment("o-1"), 5 * MINUTE);
            h.send("orders", "cart-2", order("o-2"), 10 * MINUTE);
            h.send("payments", "p-2", payment("o-2"), 15 * MINUTE + 1);

            assertThat(keyValues(h.read("paid-orders"))).containsExactly(KeyValue.pair("o-1", paid("o-1")));
        }
    }

    @Test
    void innerJoinDropsRecordsWhoseJoinKeyIsNull() {
        try (var h = checkout("topic: payments, key: order_id, within: 5m, as: payment")) {
            h.send("orders", "cart-1", "{\"order_id\":null}", 0);
            h.send("payments", "p-1", "{\"order_id\":null}", 1);

            assertThat(h.read("paid-orders")).isEmpty();
            assertThat(h.compiled().metrics().filteredCount()).isEqualTo(2);
        }
    }

    @Test
    void leftJoinEmitsAnUnmatchedRecordOnlyOnceItsWindowHasClosed() {
        try (var h = checkout("topic: payments, key: order_id, within: 5m, as: payment, join: left")) {
            h.send("orders", "cart-1", order("o-1"), 0);
            h.send("orders", "cart-2", order("o-2"), 5 * MINUTE);
            assertThat(h.read("paid-orders")).as("o-1 could still be paid at 5m").isEmpty();

            h.send("orders", "cart-3", order("o-3"), 5 * MINUTE + 1);
            assertThat(keyValues(h.read("paid-orders"))).containsExactly(KeyValue.pair("o-1", unpaid("o-1")));

            h.send("payments", "p-3", payment("o-3"), 6 * MINUTE);
            h.send("orders", "cart-4", order("o-4"), 20 * MINUTE);
            List<TestRecord<String, String>> out = h.read("paid-orders");
            assertThat(keyValues(out)).containsExactly(KeyValue.pair("o-3", paid("o-3")), KeyValue.pair("o-2", unpaid("o-2")));
            assertThat(out).extracting(TestRecord::timestamp).containsExactly(6 * MINUTE, 5 * MINUTE);
        }
    }

    @Test
    void graceKeepsTheWindowOpenLonger() {
        try (var h = checkout("topic: payments, key: order_id, within: 5m, grace: 1m, as: payment, join: left")) {
            h.send("orders", "cart-1", order("o-1"), 0);
            h.send("orders", "cart-2", order("o-2"), 6 * MINUTE);
            assertThat(h.read("paid-orders")).isEmpty();

            h.send("orders", "cart-3", order("o-3"), 6 * MINUTE + 1);
            assertThat(keyValues(h.read("paid-orders"))).containsExactly(KeyValue.pair("o-1", unpaid("o-1")));
        }
    }

    @Test
    void leftJoinPassesARecordWithANullJoinKeyRightAway() {
        try (var h = checkout("topic: payments, key: order_id, within: 5m, as: payment, join: left")) {
            h.send("orders", "cart-1", "{\"order_id\":null}", 0);

            assertThat(keyValues(h.read("paid-orders")))
                    .containsExactly(KeyValue.pair(null, "{\"order_id\":null,\"payment\":null}"));
        }
    }

    @Test
    void outerJoinEmitsUnmatchedRecordsOfBothSides() {
        try (var h = checkout("topic: payments, key: order_id, within: 5m, as: payment, join: outer")) {
            h.send("orders", "cart-1", order("o-1"), 0);
            h.send("payments", "p-9", payment("o-9"), MINUTE);
            h.send("orders", "cart-2", order("o-2"), 2 * MINUTE);
            h.send("payments", "p-2", payment("o-2"), 3 * MINUTE);
            assertThat(keyValues(h.read("paid-orders"))).containsExactly(KeyValue.pair("o-2", paid("o-2")));

            h.send("orders", "cart-3", order("o-3"), 7 * MINUTE);
            assertThat(keyValues(h.read("paid-orders"))).containsExactly(
                    KeyValue.pair("o-1", unpaid("o-1")),
                    KeyValue.pair("o-9", "{\"payment\":" + payment("o-9") + "}"));
        }
    }

    @Test
    void otherRecordsThatCannotBeDecodedOrKeyedGoToTheDeadLetterTopic() {
        try (var h = checkout("name: match-payment, topic: payments, key: order_id, within: 5m, as: payment")) {
            h.send("payments", "p-1", "{\"order_id\": ", 0);
            h.send("payments", "p-2", "{\"method\":\"card\"}", 1);
            h.send("orders", "cart-1", "{\"amount\":10}", 2);
            h.send("payments", "p-3", payment("o-3"), 3);
            h.send("orders", "cart-3", order("o-3"), 4);

            assertThat(keyValues(h.read("paid-orders"))).containsExactly(KeyValue.pair("o-3", paid("o-3")));
            List<TestRecord<String, String>> dead = h.read("checkout-dlq");
            assertThat(keyValues(dead)).containsExactly(
                    KeyValue.pair("p-1", "{\"order_id\": "),
                    KeyValue.pair("p-2", "{\"method\":\"card\"}"),
                    KeyValue.pair("cart-1", "{\"amount\":10}"));
            assertThat(dead).extracting(r -> PipelineHarness.headers(r).get(DeadLetterHeaders.RULE))
                    .containsExactly("decode", "otherKey", "key");
            Map<String, String> first = PipelineHarness.headers(dead.get(0));
            assertThat(first).containsEntry(DeadLetterHeaders.STEP, "match-payment")
                    .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, "payments")
                    .containsEntry(DeadLetterHeaders.SOURCE_OFFSET, "0");
            assertThat(first.get(DeadLetterHeaders.ERROR)).startsWith("cannot decode json");
        }
    }

    @Test
    void storesAndRepartitionTopicsAreNamedAfterTheStep() {
        try (var h = checkout("name: pay, topic: payments, key: order_id, otherKey: order_ref, within: 5m,"
                + " as: payment, store: memory")) {
            h.send("orders", "cart-1", order("o-1"), 0);
            h.send("payments", "p-1", "{\"order_ref\":\"o-1\"}", 1);

            assertThat(keyValues(h.read("paid-orders"))).containsExactly(
                    KeyValue.pair("o-1", "{\"order_id\":\"o-1\",\"amount\":10,\"payment\":{\"order_ref\":\"o-1\"}}"));
            assertThat(h.driver().getAllStateStores().keySet())
                    .containsExactlyInAnyOrder("pay-this-join-store", "pay-other-join-store");
            assertThat(h.driver().getWindowStore("pay-this-join-store").persistent()).isFalse();
            assertThat(h.driver().producedTopicNames())
                    .contains("weir-test-checkout-pay-left-repartition", "weir-test-checkout-pay-right-repartition");
            assertThat(h.compiled().inputTopics()).containsExactlyInAnyOrder("orders", "payments");
        }
    }
}
