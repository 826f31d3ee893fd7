package dev.weir.spec.model;

/** How record values on a topic are encoded. */
public enum Format {
    /** UTF-8 JSON objects. */
    JSON,
    /** UTF-8 text; the record is exposed as a single field named {@code value}. */
    STRING,
    /** Avro binary in the schema registry's wire format (magic byte, schema id, payload). */
    AVRO,
    /** JSON checked against a JSON Schema, in the schema registry's wire format. */
    JSON_SCHEMA,
    /** Protobuf binary in the schema registry's wire format (with message indexes). */
    PROTOBUF;

    /** Formats whose records carry a schema id and need a schema registry. */
    public boolean usesRegistry() {
        return this == AVRO || this == JSON_SCHEMA || this == PROTOBUF;
    }
}
