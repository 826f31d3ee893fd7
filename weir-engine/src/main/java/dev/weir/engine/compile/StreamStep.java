package dev.weir.engine.compile;

import org.apache.kafka.streams.kstream.KStream;

import java.util.Map;

/**
 * A step that works on the stream as a whole: routing, state, joins, windows. It receives the
 * records that reached it and returns the stream that goes on to the next step.
 */
public interface StreamStep {

    KStream<String, Map<String, Object>> apply(KStream<String, Map<String, Object>> in, CompileContext ctx);
}
