package dev.weir.engine.compile;

import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.spec.model.Pipeline;
import org.apache.kafka.streams.Topology;

import java.util.Set;

/** A pipeline turned into a Kafka Streams topology, with what it reads and writes. */
public record CompiledPipeline(Pipeline pipeline, String applicationId, Topology topology,
                               Set<String> inputTopics, Set<String> outputTopics, PipelineMetrics metrics) {

    public String name() {
        return pipeline.name();
    }
}
