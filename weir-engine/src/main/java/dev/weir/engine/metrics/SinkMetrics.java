package dev.weir.engine.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the records a pipeline writes to one output topic and how long after their event time
 * they were written. Fetched once when the pipeline is compiled; counting a record is two
 * {@link LongAdder} increments, a clock read and a histogram record.
 */
public final class SinkMetrics {

    /** Latencies beyond this many milliseconds would overflow in nanoseconds; they all land in the last bucket anyway. */
    private static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000L;

    private final String topic;
    private final LongAdder pipelineOut;
    private final LongAdder topicOut;
    private final LatencyHistogram endToEnd;

    SinkMetrics(String topic, LongAdder pipelineOut, LongAdder topicOut, LatencyHistogram endToEnd) {
        this.topic = topic;
        this.pipelineOut = pipelineOut;
        this.topicOut = topicOut;
        this.endToEnd = endToEnd;
    }

    public String topic() {
        return topic;
    }

    /**
     * A record with this timestamp (its event time, in epoch milliseconds) is written now. A
     * negative timestamp means the record has none: it is counted, its latency is not.
     */
    public void countOut(long timestampMs) {
        pipelineOut.increment();
        topicOut.increment();
        if (timestampMs >= 0) {
            long ms = Math.min(System.currentTimeMillis() - timestampMs, MAX_MILLIS);
            endToEnd.recordNanos(ms * 1_000_000L);
        }
    }
}
