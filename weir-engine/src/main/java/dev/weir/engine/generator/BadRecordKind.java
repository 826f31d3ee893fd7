package dev.weir.engine.generator;

/**
 * The ways a deliberately bad record is broken. Each is something a pipeline should send to its
 * dead-letter topic rather than process. The record is first made like a good one (so sequences
 * and keys advance as usual), then broken in one of these ways, chosen at random.
 */
public enum BadRecordKind {

    /** The JSON text cut off part-way, so it does not parse: {@code {"id":7,"amount":12.}. */
    TRUNCATED_JSON,

    /**
     * Valid JSON, but one field has the wrong type: a number becomes text such as {@code "abc"}
     * (preferred, as an amount would), else a boolean becomes {@code "yes"}, text becomes the
     * number {@code 12345}, and a list or object becomes {@code "n/a"}.
     */
    WRONG_TYPE,

    /** Valid JSON with one field, chosen at random, left out. */
    MISSING_FIELD,

    /** A line of plain text, not JSON at all, like {@code record id=7 amount=12.5}. */
    NOT_JSON
}
