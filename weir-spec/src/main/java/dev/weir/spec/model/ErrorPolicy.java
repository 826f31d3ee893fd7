package dev.weir.spec.model;

import dev.weir.spec.Position;

/** Where a pipeline sends records it cannot process. */
public record ErrorPolicy(String deadLetterTopic, boolean declared, Position pos) {

    public static String defaultTopic(String pipeline) {
        return pipeline + "-dlq";
    }
}
