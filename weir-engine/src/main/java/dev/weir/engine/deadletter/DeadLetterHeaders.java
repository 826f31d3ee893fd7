package dev.weir.engine.deadletter;

/** Header names on dead-letter records. Tools and tests read them; they are part of Weir's interface. */
public final class DeadLetterHeaders {

    public static final String PIPELINE = "weir.pipeline";
    public static final String STEP = "weir.step";
    public static final String RULE = "weir.rule";
    public static final String ERROR = "weir.error";
    public static final String SOURCE_TOPIC = "weir.source.topic";
    public static final String SOURCE_PARTITION = "weir.source.partition";
    public static final String SOURCE_OFFSET = "weir.source.offset";

    private DeadLetterHeaders() {
    }
}
