package dev.weir.registry.format;

/** The text is not a valid schema of its type. The registry answers 422 with error code 42201. */
public class InvalidSchemaException extends RuntimeException {

    public InvalidSchemaException(String message) {
        super(message);
    }

    public InvalidSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
