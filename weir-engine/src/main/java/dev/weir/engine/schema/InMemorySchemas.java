package dev.weir.engine.schema;

import java.util.HashMap;
import java.util.Map;

/**
 * Schemas kept in memory, ids handed out in order: a registry for places that need one but no
 * server (checking a project, running its tests on the test driver).
 */
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
    public synchronized int add(String type, String schema, Map<String, String> references) {
        int id = byId.size() + 1;
        byId.put(id, new RegisteredSchema(id, type, schema, references));
        return id;
    }
}
