package dev.weir.server.http;

import dev.weir.server.PipelineRunner;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.TopologyDescription;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline's end-to-end latency as Kafka Streams measures it (KIP-613): from a record's
 * timestamp to the moment it is written by the node that writes the pipeline's sink (or, with no
 * sink, by any node that writes a topic other than the dead-letter topic). The average and the
 * maximum over the metric's recent window, the worst task counting.
 */
final class StreamsLatency {

    private static final String GROUP = "stream-processor-node-metrics";

    /** Average and maximum in milliseconds. */
    record Latency(double avgMs, double maxMs) {
    }

    private StreamsLatency() {
    }

    /** @param nodes the pipeline's writer nodes, from {@link #writerNodes} */
    static Optional<Latency> of(PipelineRunner.Running r, Set<String> nodes) {
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        double avg = Double.NaN;
        double max = Double.NaN;
        Map<MetricName, ? extends Metric> metrics;
        try {
            metrics = r.streams().metrics();
        } catch (RuntimeException closing) {
            return Optional.empty();
        }
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            if (!GROUP.equals(name.group()) || !nodes.contains(name.tags().get("processor-node-id"))) {
                continue;
            }
            if (!(e.getValue().metricValue() instanceof Double v) || v.isNaN() || v.isInfinite()) {
                continue;
            }
            if (name.name().equals("record-e2e-latency-avg")) {
                avg = Double.isNaN(avg) ? v : Math.max(avg, v);
            } else if (name.name().equals("record-e2e-latency-max")) {
                max = Double.isNaN(max) ? v : Math.max(max, v);
            }
        }
        return Double.isNaN(avg) && Double.isNaN(max) ? Optional.empty() : Optional.of(new Latency(avg, max));
    }

    /** The names of the nodes whose latency counts; the topology never changes, so ask once. */
    static Set<String> writerNodes(PipelineRunner.Running r) {
        String sink = r.pipeline().pipeline().sink().map(s -> s.topic()).orElse(null);
        String dead = r.pipeline().pipeline().errors().deadLetterTopic();
        Set<String> toSink = new HashSet<>();
        Set<String> others = new HashSet<>();
        for (TopologyDescription.Subtopology s : r.pipeline().topology().describe().subtopologies()) {
            for (TopologyDescription.Node n : s.nodes()) {
                if (n instanceof TopologyDescription.Sink k && k.topic() != null) {
                    if (k.topic().equals(sink)) {
                        toSink.add(n.name());
                    } else if (!k.topic().equals(dead) && !k.topic().endsWith("-repartition")) {
                        others.add(n.name());
                    }
                }
            }
        }
        return toSink.isEmpty() ? others : toSink;
    }
}
