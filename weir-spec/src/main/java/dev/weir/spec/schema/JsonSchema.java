package dev.weir.spec.schema;

import dev.weir.spec.Position;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Weir reads of a JSON Schema: the types a value may have ({@code type}; empty means any),
 * and for objects their {@code properties}, which of them are {@code required}, and whether other
 * properties may appear ({@code additionalProperties}, read as false unless the schema allows
 * them, so that a schema's properties are the record's fields); for arrays their {@code items}.
 * Other keywords ({@code format}, {@code enum}, {@code $ref}, {@code oneOf}, ...) are not read.
 */
public record JsonSchema(Set<JsonType> types, Map<String, JsonSchema> properties, Set<String> required,
                         boolean additionalProperties, Optional<JsonSchema> items, Position pos) {

    public JsonSchema {
        types = Set.copyOf(types);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        required = Set.copyOf(required);
    }

    /** A schema that allows any value. */
    public static JsonSchema any(Position pos) {
        return new JsonSchema(Set.of(), Map.of(), Set.of(), true, Optional.empty(), pos);
    }

    public boolean allowsAny() {
        return types.isEmpty();
    }

    /** The types a value may have besides null, e.g. {@code ["string", "null"]} is {string}. */
    public Set<JsonType> nonNullTypes() {
        return types.stream().filter(t -> t != JsonType.NULL).collect(Collectors.toUnmodifiableSet());
    }
}
