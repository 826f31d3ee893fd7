package dev.weir.registry.core;

import java.util.List;
import java.util.Objects;

/**
 * A schema as the registry keeps it under an id: its type, its canonical text and the schemas it
 * references. Two registrations with equal stored schemas are the same schema and share one id.
 */
public record StoredSchema(String type, String schema, List<SchemaReference> references) {

    public StoredSchema {
        Objects.requireNonNull(type, "type can't be null");
        Objects.requireNonNull(schema, "schema can't be null");
        references = List.copyOf(references);
    }
}
