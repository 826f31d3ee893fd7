package dev.weir.registry.core;

import dev.weir.registry.format.InvalidSchemaException;
import dev.weir.registry.format.SchemaFormat;
import dev.weir.registry.format.SchemaFormats;
import dev.weir.registry.format.SchemaText;

import java.util.List;

/**
 * A schema a client sent, checked by its format: what it would be stored as, and its text with
 * the texts of what it references, ready for compatibility checks.
 */
public record Candidate(StoredSchema stored, SchemaFormat format, SchemaText text) {

    /**
     * @throws RegistryException 42201 for an unknown type, an empty or invalid schema, or a
     *     reference to a version that does not exist
     */
    public static Candidate of(RegistryState state, SchemaFormats formats, String type, String schema,
                               List<SchemaReference> references) {
        SchemaFormat format = formats.get(type).orElseThrow(() -> RegistryException.invalidSchema(
                "Invalid schema type " + type + "; this registry accepts " + String.join(", ", formats.types())));
        if (schema == null || schema.isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        List<SchemaReference> pinned = References.pin(state, references);
        SchemaText given = new SchemaText(schema, References.texts(state, pinned));
        String canonical;
        try {
            canonical = format.canonicalize(given);
        } catch (InvalidSchemaException e) {
            throw RegistryException.invalidSchema("Invalid schema: " + e.getMessage());
        } catch (RuntimeException e) {
            // A format must not turn a bad schema into a server error.
            throw RegistryException.invalidSchema("Invalid schema: " + e);
        }
        return new Candidate(new StoredSchema(type, canonical, pinned), format,
                new SchemaText(canonical, given.references()));
    }
}
