package dev.weir.engine.schema;

import java.util.HashMap;
import java.util.Map;

/** Schemas kept in a map, ids handed out in order: the codecs' view of a registry, for codec tests. */
public final class InMemorySchemas implements SchemaSource {

    public InMemorySchemas() {
    }

    private final Map<Integer, RegisteredSchema> byId = new HashMap<>();
    private final Map<String, Integer> ids = new HashMap<>();

    @Override
    public synchronized RegisteredSchema byId(int id) throws SchemaException {
        RegisteredSchema s = byId.get(id);
        if (s == null) {
            throw new SchemaException("schema " + id + " not found");
        }
        return s;
    }

    @Override
    public synchronized int register(String subject, String type, String schema) {
        return ids.computeIfAbsent(type + schema, k -> {
            int id = byId.size() + 1;
            byId.put(id, new RegisteredSchema(id, type, schema, Map.of()));
            return id;
        });
    }

    /** Adds a schema that references others by name, as a registry returns it; returns its id. */
    synchronized int add(String type, String schema, Map<String, String> references) {
        int id = byId.size() + 1;
        byId.put(id, new RegisteredSchema(id, type, schema, references));
        return id;
    }
}
