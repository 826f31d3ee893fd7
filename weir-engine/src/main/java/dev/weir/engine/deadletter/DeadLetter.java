package dev.weir.engine.deadletter;

/**
 * A record a pipeline could not process, and why. {@code payload} is what the failing step saw:
 * the original bytes for a record that could not be decoded, else the record as JSON.
 */
public record DeadLetter(String step, String rule, String error, byte[] payload,
                         String sourceTopic, int sourcePartition, long sourceOffset) {
}
