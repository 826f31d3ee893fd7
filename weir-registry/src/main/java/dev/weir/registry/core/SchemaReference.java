package dev.weir.registry.core;

import java.util.Objects;

/**
 * A schema's use of another registered schema: {@code name} is how the schema refers to it (an
 * Avro full name, a JSON Schema {@code $ref}, a Protobuf import), {@code subject} and
 * {@code version} where it is registered.
 */
public record SchemaReference(String name, String subject, int version) {

    public SchemaReference {
        Objects.requireNonNull(name, "name can't be null");
        Objects.requireNonNull(subject, "subject can't be null");
    }
}
