package dev.weir.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Meters named as Kafka's clients and the JVM binders name them, through the registry's naming rules. */
class PromtoolNamesTest {

    @Test
    void renamesOrLeavesOutWhatPromtoolWouldRejectAndTheScrapePasses() throws Exception {
        AtomicLong n = new AtomicLong(3);
        try (WeirMetrics metrics = new WeirMetrics()) {
            var registry = metrics.registry();
            FunctionCounter.builder("kafka.producer.txn.commit.time.ns.total", n, AtomicLong::get)
                    .description("The total time the producer has spent in commitTransaction in nanoseconds.")
                    .register(registry);
            Gauge.builder("kafka.app.info.start.time.ms", n, AtomicLong::get).description("start").register(registry);
            Gauge.builder("kafka.consumer.connection.count", n, AtomicLong::get)
                    .description("The current number of active connections.").register(registry);
            Gauge.builder("kafka.producer.node.request.latency.avg", n, AtomicLong::get).register(registry);
            Gauge.builder("cache.size.milliseconds", n, AtomicLong::get).description("odd unit").register(registry);
            Gauge.builder("pool.buffer.count", n, AtomicLong::get).baseUnit("buffers")
                    .description("Buffers in the pool").register(registry);

            String scrape = metrics.scrape();

            assertThat(scrape).doesNotContain("txn_commit_time").doesNotContain("start_time_ms")
                    .doesNotContain("cache_size");
            assertThat(Exposition.value(scrape, "kafka_consumer_connections")).isEqualTo(3);
            assertThat(scrape).contains("# HELP kafka_producer_node_request_latency_avg Kafka metric "
                    + "kafka.producer.node.request.latency.avg");
            assertThat(Exposition.value(scrape, "pool_buffer_count_buffers"))
                    .as("a count with a unit does not end in _count").isEqualTo(3);
            assertThat(Promtool.check(scrape)).isEmpty();
        }
    }

    @Test
    void aScrapeWithNothingBoundListsTheJvmAndPassesPromtool() throws Exception {
        try (WeirMetrics metrics = new WeirMetrics()) {
            String scrape = metrics.scrape();

            assertThat(scrape).contains("jvm_memory_used_bytes").doesNotContain("weir_pipeline");
            assertThat(Promtool.check(scrape)).isEmpty();
        }
    }
}
