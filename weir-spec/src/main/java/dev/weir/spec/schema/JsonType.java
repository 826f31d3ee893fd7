package dev.weir.spec.schema;

/** The JSON value types a schema's {@code type} names. */
public enum JsonType {
    STRING, NUMBER, INTEGER, BOOLEAN, OBJECT, ARRAY, NULL;

    public String keyword() {
        return name().toLowerCase();
    }
}
