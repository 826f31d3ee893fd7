package dev.weir.engine.schema;

/** A record does not fit its schema, or its schema cannot be had. Such a record is dead-lettered with this message. */
public class SchemaException extends Exception {

    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
