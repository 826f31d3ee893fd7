package dev.weir.registry.format;

import java.util.Map;

/**
 * A schema as registered: its text, and the texts of the schemas it references, by the name the
 * schema uses for them (an Avro full name, a JSON Schema {@code $ref} URL, a Protobuf import path).
 */
public record SchemaText(String schema, Map<String, String> references) {

    public SchemaText {
        references = Map.copyOf(references);
    }

    public static SchemaText of(String schema) {
        return new SchemaText(schema, Map.of());
    }
}
