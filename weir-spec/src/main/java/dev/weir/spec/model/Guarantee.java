package dev.weir.spec.model;

/** Kafka Streams processing guarantee of a pipeline. */
public enum Guarantee {
    EXACTLY_ONCE("exactly_once_v2"),
    AT_LEAST_ONCE("at_least_once");

    private final String streamsValue;

    Guarantee(String streamsValue) {
        this.streamsValue = streamsValue;
    }

    public String streamsValue() {
        return streamsValue;
    }
}
