package dev.weir.engine.schema;

import java.util.Map;

/** A schema as the registry holds it: id, type (AVRO, JSON, PROTOBUF), text, and the texts it references by name. */
public record RegisteredSchema(int id, String type, String schema, Map<String, String> references) {

    public RegisteredSchema {
        references = Map.copyOf(references);
    }
}
