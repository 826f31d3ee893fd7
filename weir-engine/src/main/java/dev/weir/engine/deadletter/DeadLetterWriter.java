package dev.weir.engine.deadletter;

import dev.weir.engine.metrics.PipelineMetrics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;

/** Turns dead letters into records for the dead-letter topic: the payload as value, the reason in headers. */
public final class DeadLetterWriter implements Processor<String, DeadLetter, String, byte[]> {

    private final String pipeline;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, byte[]> context;

    public DeadLetterWriter(String pipeline, PipelineMetrics metrics) {
        this.pipeline = pipeline;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, DeadLetter> record) {
        DeadLetter d = record.value();
        Headers headers = record.headers();
        // Headers of the source record travel with it; replace any stale reason from an earlier hop.
        for (String name : new String[]{DeadLetterHeaders.PIPELINE, DeadLetterHeaders.STEP, DeadLetterHeaders.RULE,
                DeadLetterHeaders.ERROR, DeadLetterHeaders.SOURCE_TOPIC, DeadLetterHeaders.SOURCE_PARTITION,
                DeadLetterHeaders.SOURCE_OFFSET}) {
            headers.remove(name);
        }
        put(headers, DeadLetterHeaders.PIPELINE, pipeline);
        put(headers, DeadLetterHeaders.STEP, d.step());
        if (d.rule() != null) {
            put(headers, DeadLetterHeaders.RULE, d.rule());
        }
        put(headers, DeadLetterHeaders.ERROR, d.error());
        if (d.sourceTopic() != null) {
            put(headers, DeadLetterHeaders.SOURCE_TOPIC, d.sourceTopic());
            put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(d.sourcePartition()));
            put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(d.sourceOffset()));
        }
        metrics.deadLettered(d.step());
        context.forward(record.withValue(d.payload()));
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
