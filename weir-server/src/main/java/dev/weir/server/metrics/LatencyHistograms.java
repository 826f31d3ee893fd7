package dev.weir.server.metrics;

import dev.weir.engine.metrics.LatencyHistogram;
import dev.weir.engine.metrics.LatencySnapshot;
import dev.weir.engine.metrics.PipelineMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pipelines' latency histograms as Prometheus histograms. The histograms live in the engine
 * ({@link LatencyHistogram}, counted on the stream threads without Micrometer); this collector
 * reads them at scrape time, so recording a latency costs no more than the engine's own counting.
 */
final class LatencyHistograms implements MultiCollector {

    static final String PROCESSING = "weir_pipeline_processing_latency_seconds";
    static final String END_TO_END = "weir_pipeline_end_to_end_latency_seconds";

    private final Supplier<List<PipelineMetrics>> pipelines;

    LatencyHistograms(Supplier<List<PipelineMetrics>> pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public MetricSnapshots collect() {
        List<PipelineMetrics> all = pipelines.get();
        if (all.isEmpty()) {
            return MetricSnapshots.of();
        }
        return MetricSnapshots.of(
                histogram(PROCESSING, "Time the pipeline's processors spent on a source record, from reading it "
                        + "to handing its results to the producer", all, PipelineMetrics::processingLatency),
                histogram(END_TO_END, "Wall-clock time at writing a record to an output topic minus the record's "
                        + "timestamp (its event time)", all, PipelineMetrics::endToEndLatency));
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(PROCESSING, END_TO_END);
    }

    private static HistogramSnapshot histogram(String name, String help, List<PipelineMetrics> all,
                                               Function<PipelineMetrics, LatencyHistogram> which) {
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(name).help(help).unit(Unit.SECONDS);
        for (PipelineMetrics p : all) {
            LatencySnapshot s = which.apply(p).snapshot();
            int n = s.upperBounds().size();
            double[] bounds = new double[n + 1];
            long[] counts = new long[n + 1];
            for (int i = 0; i < n; i++) {
                bounds[i] = s.upperBounds().get(i).toNanos() / 1e9;
                counts[i] = s.bucketCount(i);
            }
            bounds[n] = Double.POSITIVE_INFINITY;
            counts[n] = s.bucketCount(n);
            b.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                    .sum(s.sum().toNanos() / 1e9)
                    .labels(Labels.of("pipeline", p.pipeline()))
                    .build());
        }
        return b.build();
    }
}
