package dev.weir.spec.model;

/** How record bytes on a topic are encoded. */
public enum Format {
    /** UTF-8 JSON objects. */
    JSON,
    /** UTF-8 text; the record is exposed as a single field named {@code value}. */
    STRING
}
