package dev.weir.engine.metrics;

import dev.weir.engine.PipelineHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a pipeline counts per step and topic, and the latencies it records, on a test driver. */
class PipelineMetricsTest {

    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    private static String amount(double amount) {
        return "{\"amount\": " + amount + "}";
    }

    private PipelineHarness flow() {
        return PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: flow }
                spec:
                  source: { topic: in }
                  steps:
                    - filter: "amount > 0.0"
                    - validate:
                        rules: [ { name: small, expr: "amount < 1000.0" } ]
                    - map: { set: { big: "amount > 100.0" } }
                    - route:
                        - { when: "amount > 500.0", to: large }
                  sink: { topic: out }
                """);
    }

    private static void sendAll(PipelineHarness h, long timestamp) {
        h.send("in", "a", amount(5), timestamp);      // out
        h.send("in", "b", amount(-1), timestamp);     // filtered by filter
        h.send("in", "c", amount(2000), timestamp);   // dead-lettered by validate
        h.send("in", "d", amount(600), timestamp);    // routed to large
        h.send("in", "e", amount(50), timestamp);     // out
        h.send("in", "f", "junk", timestamp);         // cannot be decoded
    }

    @Test
    void countsWhatEachStepTakesPassesOnFiltersAndDeadLetters() {
        try (var h = flow()) {
            sendAll(h, 0);
            PipelineMetrics m = h.compiled().metrics();

            assertThat(m.steps()).extracting(StepMetrics::step).containsExactly("filter", "validate", "map", "route");
            assertThat(m.step("filter")).extracting(StepMetrics::in, StepMetrics::out, StepMetrics::filtered,
                    StepMetrics::deadLettered).containsExactly(5L, 4L, 1L, 0L);
            assertThat(m.step("validate")).extracting(StepMetrics::in, StepMetrics::out, StepMetrics::filtered,
                    StepMetrics::deadLettered).containsExactly(4L, 3L, 0L, 1L);
            assertThat(m.step("map")).extracting(StepMetrics::in, StepMetrics::out).containsExactly(3L, 3L);
            assertThat(m.step("route")).as("a route passes every record it routes on, to a branch or onward")
                    .extracting(StepMetrics::in, StepMetrics::out).containsExactly(3L, 3L);

            assertThat(m.in()).isEqualTo(6);
            assertThat(m.out()).isEqualTo(3);
            assertThat(m.filteredCount()).isEqualTo(1);
            assertThat(m.dead()).isEqualTo(2);
            assertThat(m.inByTopic()).isEqualTo(Map.of("in", 6L));
            assertThat(m.outByTopic()).isEqualTo(Map.of("out", 2L, "large", 1L));
            assertThat(m.filteredByStep()).isEqualTo(Map.of("filter", 1L));
            assertThat(m.deadByStep()).isEqualTo(Map.of("source", 1L, "validate", 1L));
            assertThat(m.dead("source")).isEqualTo(1);
            assertThat(m.in("in")).isEqualTo(6);
            assertThat(m.out("large")).isEqualTo(1);
        }
    }

    @Test
    void timesEveryRecordReadAndEveryRecordWritten() {
        try (var h = flow()) {
            sendAll(h, 0);
            PipelineMetrics m = h.compiled().metrics();

            assertThat(m.processingLatency().snapshot().count()).as("dead letters and filtered records too").isEqualTo(6);
            LatencySnapshot endToEnd = m.endToEndLatency().snapshot();
            assertThat(endToEnd.count()).isEqualTo(3);
            assertThat(endToEnd.bucketCount(endToEnd.upperBounds().size()))
                    .as("events of 1970 reach the output more than an hour late").isEqualTo(3);
            assertThat(m.recentEndToEndLatency().count()).isEqualTo(3);
            assertThat(m.recentEndToEndLatency().p99()).contains(Duration.ofHours(1));
            assertThat(m.recentProcessingLatency().count()).isEqualTo(6);
        }
    }

    @Test
    void anEventFromTheFutureCountsAsNoLatency() {
        try (var h = flow()) {
            h.send("in", "a", amount(5), System.currentTimeMillis() + Duration.ofDays(1).toMillis());

            LatencySnapshot endToEnd = h.compiled().metrics().endToEndLatency().snapshot();
            assertThat(endToEnd.bucketCount(0)).isEqualTo(1);
            assertThat(endToEnd.sum()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void dedupeCountsDuplicatesAsFiltered() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: once }
                spec:
                  source: { topic: in }
                  steps:
                    - dedupe: { key: id, within: 1h }
                  sink: { topic: out }
                """)) {
            h.send("in", "k", "{\"id\": 1}", 0);
            h.send("in", "k", "{\"id\": 1}", 1);
            h.send("in", "k", "{\"id\": 2}", 2);
            h.send("in", "k", "{\"id\": null}", 3);

            assertThat(h.compiled().metrics().step("dedupe")).extracting(StepMetrics::in, StepMetrics::out,
                    StepMetrics::filtered).containsExactly(4L, 3L, 1L);
        }
    }

    @Test
    void aggregateCountsRecordsInAndResultsOut() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: per-minute }
                spec:
                  source: { topic: in }
                  steps:
                    - aggregate: { groupBy: shop, window: { tumbling: 1m }, emit: final, compute: { n: "count()" } }
                  sink: { topic: out }
                """)) {
            h.send("in", "k", "{\"shop\": \"s-1\"}", 0);
            h.send("in", "k", "{\"shop\": \"s-1\"}", 10_000);
            h.send("in", "k", "{\"shop\": \"s-2\"}", 20_000);
            h.send("in", "k", "{\"shop\": \"s-1\"}", 2 * MINUTE); // closes the first minute

            StepMetrics aggregate = h.compiled().metrics().step("aggregate");
            assertThat(h.read("out")).hasSize(2);
            assertThat(aggregate).extracting(StepMetrics::in, StepMetrics::out).containsExactly(4L, 2L);
        }
    }

    @Test
    void innerEnrichCountsRecordsWithoutARowOrKeyAsFiltered() {
        try (var h = PipelineHarness.of(dir, "orders", Map.of("topics/customers.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: customers }
                spec: { partitions: 1, config: { cleanup.policy: compact } }
                """, "pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: orders }
                spec:
                  source: { topic: orders }
                  steps:
                    - enrich: { table: customers, key: customer_id, as: customer, join: inner }
                  sink: { topic: enriched-orders }
                """))) {
            h.send("customers", "c-1", "{\"name\":\"Ada\"}", 0);
            h.send("orders", "o-1", "{\"customer_id\":\"c-9\"}", 10);
            h.send("orders", "o-2", "{\"customer_id\":null}", 20);
            h.send("orders", "o-3", "{\"customer_id\":\"c-1\"}", 30);

            assertThat(h.compiled().metrics().step("enrich")).extracting(StepMetrics::in, StepMetrics::out,
                    StepMetrics::filtered).containsExactly(3L, 1L, 2L);
        }
    }

    @Test
    void joinCountsRecordsOfTheStreamInAndJoinedRecordsOut() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: checkout }
                spec:
                  source: { topic: orders }
                  steps:
                    - join: { topic: payments, key: order_id, within: 5m, as: payment }
                  sink: { topic: paid-orders }
                """)) {
            h.send("orders", "cart-1", "{\"order_id\":\"o-1\"}", 0);
            h.send("payments", "p-1", "{\"order_id\":\"o-1\"}", MINUTE);
            h.send("orders", "cart-2", "{\"order_id\":\"o-2\"}", 2 * MINUTE);

            PipelineMetrics m = h.compiled().metrics();
            assertThat(m.step("join")).extracting(StepMetrics::in, StepMetrics::out).containsExactly(2L, 1L);
            assertThat(m.inByTopic()).as("the other topic's records are read by the pipeline")
                    .isEqualTo(Map.of("orders", 2L, "payments", 1L));
        }
    }

    @Test
    void countingARecordAllocatesNothing() {
        PipelineMetrics m = new PipelineMetrics("p");
        StepMetrics step = m.step("filter");
        SinkMetrics sink = m.sink("out");
        long timestamp = System.currentTimeMillis() - 5;
        Runnable oneRecord = () -> {
            step.countIn();
            step.countOut();
            sink.countOut(timestamp);
            m.recordProcessingNanos(12_345);
        };
        for (int i = 0; i < 20_000; i++) {
            oneRecord.run();
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            oneRecord.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated counting 100,000 records").isLessThan(1_000);
        assertThat(step.out()).isEqualTo(120_000);
    }
}
