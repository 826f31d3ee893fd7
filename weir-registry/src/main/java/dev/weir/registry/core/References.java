package dev.weir.registry.core;

import dev.weir.registry.format.SchemaText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds the registered schemas a schema references, and the ones those reference in turn. */
public final class References {

    private References() {
    }

    /**
     * The references with {@code -1} (latest) replaced by the version it stands for.
     *
     * @throws RegistryException 42201 when a referenced version does not exist
     */
    public static List<SchemaReference> pin(RegistryState state, List<SchemaReference> references) {
        List<SchemaReference> pinned = new ArrayList<>();
        for (SchemaReference ref : references) {
            pinned.add(new SchemaReference(ref.name(), ref.subject(), find(state, ref).version()));
        }
        return pinned;
    }

    /** The text of a stored schema with the texts of everything it references, directly or not. */
    public static SchemaText text(RegistryState state, StoredSchema schema) {
        return new SchemaText(schema.schema(), texts(state, schema.references()));
    }

    /**
     * The text of every schema reachable from {@code references}, by the name it is referenced with.
     *
     * @throws RegistryException 42201 when a referenced version does not exist
     */
    public static Map<String, String> texts(RegistryState state, List<SchemaReference> references) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(state, references, out, new HashSet<>());
        return out;
    }

    private static void collect(RegistryState state, List<SchemaReference> references, Map<String, String> out,
                                Set<String> seen) {
        for (SchemaReference ref : references) {
            VersionEntry entry = find(state, ref);
            if (!seen.add(entry.subject() + "\u0000" + entry.version())) {
                continue;
            }
            StoredSchema schema = state.schema(entry.id()).orElseThrow(() -> notFound(ref));
            out.putIfAbsent(ref.name(), schema.schema());
            collect(state, schema.references(), out, seen);
        }
    }

    private static VersionEntry find(RegistryState state, SchemaReference ref) {
        Optional<VersionEntry> entry = state.version(ref.subject(), ref.version(), true);
        return entry.orElseThrow(() -> notFound(ref));
    }

    private static RegistryException notFound(SchemaReference ref) {
        return RegistryException.invalidSchema("Invalid schema: reference '" + ref.name() + "' to subject '"
                + ref.subject() + "' version " + (ref.version() == VersionId.LATEST ? "latest" : ref.version())
                + " not found");
    }
}
