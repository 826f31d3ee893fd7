package dev.weir.server.http;

import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.server.PipelineRunner;
import dev.weir.server.ProjectRuntime;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pipelines' record counters in the Prometheus text format (0.0.4): records in, out,
 * filtered and dead-lettered per pipeline, and whether each is running. A small exposition for
 * {@code /metrics} when no fuller metrics registry is wired in.
 */
public final class CounterExposition implements Supplier<String> {

    private final ProjectRuntime runtime;

    public CounterExposition(ProjectRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String get() {
        List<PipelineRunner.Running> running = runtime.runner().running();
        StringBuilder out = new StringBuilder();
        counter(out, running, "weir_pipeline_records_in_total", "Records the pipeline read from its sources.", PipelineMetrics::in);
        counter(out, running, "weir_pipeline_records_out_total", "Records the pipeline wrote to its outputs.", PipelineMetrics::out);
        counter(out, running, "weir_pipeline_records_filtered_total", "Records the pipeline's steps dropped on purpose.",
                PipelineMetrics::filteredCount);
        counter(out, running, "weir_pipeline_records_dead_lettered_total", "Records the pipeline sent to its dead-letter topic.",
                PipelineMetrics::dead);
        out.append("# HELP weir_pipeline_running Whether the pipeline's Kafka Streams application is RUNNING (1) or not (0).\n");
        out.append("# TYPE weir_pipeline_running gauge\n");
        for (PipelineRunner.Running r : running) {
            out.append("weir_pipeline_running{pipeline=\"").append(escape(r.pipeline().name())).append("\"} ")
                    .append("RUNNING".equals(r.state()) ? 1 : 0).append('\n');
        }
        out.append("# HELP weir_pipeline_dead_lettered_by_step_total Records dead-lettered, by the step that failed them.\n");
        out.append("# TYPE weir_pipeline_dead_lettered_by_step_total counter\n");
        for (PipelineRunner.Running r : running) {
            for (Map.Entry<String, Long> e : r.pipeline().metrics().deadByStep().entrySet()) {
                out.append("weir_pipeline_dead_lettered_by_step_total{pipeline=\"").append(escape(r.pipeline().name()))
                        .append("\",step=\"").append(escape(e.getKey())).append("\"} ").append(e.getValue()).append('\n');
            }
        }
        return out.toString();
    }

    private static void counter(StringBuilder out, List<PipelineRunner.Running> running, String name, String help,
                                Function<PipelineMetrics, Long> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        for (PipelineRunner.Running r : running) {
            out.append(name).append("{pipeline=\"").append(escape(r.pipeline().name())).append("\"} ")
                    .append(value.apply(r.pipeline().metrics())).append('\n');
        }
    }

    /** Label values escape backslash, double quote and newline, as the format requires. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
