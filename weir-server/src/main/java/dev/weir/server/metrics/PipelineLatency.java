package dev.weir.server.metrics;

import dev.weir.engine.metrics.LatencyQuantiles;
import dev.weir.engine.metrics.PipelineMetrics;

/**
 * A pipeline's latencies over about the last minute: p50 and p99 of its processing latency and of
 * its end-to-end latency (see {@link PipelineMetrics#processingLatency()} and
 * {@link PipelineMetrics#endToEndLatency()}).
 */
public record PipelineLatency(String pipeline, LatencyQuantiles processing, LatencyQuantiles endToEnd) {

    static PipelineLatency of(PipelineMetrics m) {
        return new PipelineLatency(m.pipeline(), m.recentProcessingLatency(), m.recentEndToEndLatency());
    }
}
