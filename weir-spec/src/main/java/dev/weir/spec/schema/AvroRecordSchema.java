package dev.weir.spec.schema;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what expressions see of an Avro record schema (.avsc), as the JSON value types the engine
 * decodes Avro into: int and long are integers, float, double and decimals numbers, strings, enums,
 * bytes and fixed strings, records and maps objects, arrays arrays; a union with null is nullable.
 * The schema's full validation is the registry's and Avro's; this reads its shape.
 */
final class AvroRecordSchema {

    private final Map<String, JsonSchema> named = new HashMap<>();

    private AvroRecordSchema() {
    }

    static JsonSchema read(YNode node) {
        JsonSchema schema = new AvroRecordSchema().type(node);
        if (!schema.nonNullTypes().equals(Set.of(JsonType.OBJECT))) {
            throw SpecException.at(node.pos(), "a topic's Avro schema must be a record", "start it with: {\"type\": \"record\", ...}");
        }
        return schema;
    }

    private JsonSchema type(YNode node) {
        Position pos = node.pos();
        if (node instanceof YNode.YScalar s) {
            return primitive(s.text(), pos);
        }
        if (node instanceof YNode.YSeq union) {
            Set<JsonType> types = EnumSet.noneOf(JsonType.class);
            JsonSchema nonNull = null;
            for (YNode branch : union.items()) {
                JsonSchema b = type(branch);
                types.addAll(b.types());
                if (!b.types().contains(JsonType.NULL)) {
                    nonNull = b;
                }
            }
            if (nonNull != null && union.items().size() == 2) {
                return new JsonSchema(types, nonNull.properties(), nonNull.required(), nonNull.additionalProperties(),
                        nonNull.items(), pos);
            }
            return new JsonSchema(types, Map.of(), Set.of(), true, Optional.empty(), pos);
        }
        YNode.YMap map = Fields.asMap(node, "type");
        String type = Fields.string(map.get("type") == null ? node : map.get("type"), "type");
        if (map.get("type") instanceof YNode.YMap || map.get("type") instanceof YNode.YSeq) {
            return type(map.get("type"));
        }
        switch (type) {
            case "record", "error" -> {
                Map<String, JsonSchema> properties = new LinkedHashMap<>();
                Set<String> required = new LinkedHashSet<>();
                JsonSchema record = new JsonSchema(Set.of(JsonType.OBJECT), properties, required, false, Optional.empty(), pos);
                if (map.has("name")) {
                    named.put(Fields.string(map.get("name"), "name"), record);
                }
                for (YNode f : Fields.list(map.get("fields") == null ? new YNode.YSeq(java.util.List.of(), pos) : map.get("fields"),
                        "fields", i -> i)) {
                    YNode.YMap field = Fields.asMap(f, "field");
                    String name = Fields.string(field.get("name") == null ? f : field.get("name"), "name");
                    JsonSchema fieldType = type(field.get("type") == null ? f : field.get("type"));
                    properties.put(name, fieldType);
                    if (!fieldType.types().contains(JsonType.NULL) && !field.has("default")) {
                        required.add(name);
                    }
                }
                JsonSchema done = new JsonSchema(Set.of(JsonType.OBJECT), properties, required, false, Optional.empty(), pos);
                if (map.has("name")) {
                    named.put(Fields.string(map.get("name"), "name"), done);
                }
                return done;
            }
            case "array" -> {
                return new JsonSchema(Set.of(JsonType.ARRAY), Map.of(), Set.of(), true,
                        Optional.of(type(map.get("items") == null ? node : map.get("items"))), pos);
            }
            case "map" -> {
                return new JsonSchema(Set.of(JsonType.OBJECT), Map.of(), Set.of(), true, Optional.empty(), pos);
            }
            case "enum", "fixed" -> {
                return new JsonSchema(Set.of(JsonType.STRING), Map.of(), Set.of(), true, Optional.empty(), pos);
            }
            default -> {
                if ("bytes".equals(type) && map.get("logicalType") instanceof YNode.YScalar lt && "decimal".equals(lt.text())) {
                    return new JsonSchema(Set.of(JsonType.NUMBER), Map.of(), Set.of(), true, Optional.empty(), pos);
                }
                return primitive(type, pos);
            }
        }
    }

    private JsonSchema primitive(String name, Position pos) {
        JsonType t = switch (name) {
            case "null" -> JsonType.NULL;
            case "boolean" -> JsonType.BOOLEAN;
            case "int", "long" -> JsonType.INTEGER;
            case "float", "double" -> JsonType.NUMBER;
            case "string", "bytes" -> JsonType.STRING;
            default -> null;
        };
        if (t != null) {
            return new JsonSchema(Set.of(t), Map.of(), Set.of(), true, Optional.empty(), pos);
        }
        String simple = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        JsonSchema known = named.get(name) != null ? named.get(name) : named.get(simple);
        if (known != null) {
            return known;
        }
        throw SpecException.at(pos, "unknown Avro type '" + name + "'",
                "use a primitive (string, int, long, double, boolean, bytes) or a type defined earlier in the file");
    }
}
