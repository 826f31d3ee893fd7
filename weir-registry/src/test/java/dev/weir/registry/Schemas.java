package dev.weir.registry;

/** Avro schemas for tests: a record named {@code name} with the given fields. */
final class Schemas {

    private Schemas() {
    }

    /** {@code fields} as JSON objects, e.g. {@code {"name":"a","type":"int"}}. */
    static String record(String name, String... fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[" + String.join(",", fields) + "]}";
    }

    static String field(String name, String type) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
    }

    static String field(String name, String type, String defaultJson) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"default\":" + defaultJson + "}";
    }
}
