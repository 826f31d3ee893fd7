package dev.weir.registry.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The object and array rules, built on content models: what a schema says about the properties
 * (or tuple items) it does not declare. Open: anything (no additionalProperties); closed: nothing
 * ({@code false}); partially open: a schema (additionalProperties, a matching patternProperties).
 * A reader may drop a property only if its content model still accepts the writer's values for
 * it; a reader may add one only if the writer's content model never produced other values there.
 */
final class JsonSchemaContentRules {

    private final JsonSchemaRules rules;

    JsonSchemaContentRules(JsonSchemaRules rules) {
        this.rules = rules;
    }

    JsonSchemaRules rules() {
        return rules;
    }

    void objects(String path, JsonSchemaNode w, JsonSchemaNode r, List<String> out) {
        Map<String, JsonSchemaNode> writerProperties = members(w.get("properties"));
        Map<String, JsonSchemaNode> readerProperties = members(r.get("properties"));
        Set<String> writerRequired = names(w.get("required"));
        Set<String> readerRequired = names(r.get("required"));
        Set<String> all = new TreeSet<>(writerProperties.keySet());
        all.addAll(readerProperties.keySet());
        all.addAll(readerRequired);
        for (String name : all) {
            String at = path + "/properties/" + JsonSchemaNode.escape(name);
            JsonSchemaNode writer = writerProperties.get(name);
            JsonSchemaNode reader = readerProperties.get(name);
            boolean nowRequired = readerRequired.contains(name) && !writerRequired.contains(name)
                    && (reader == null || !reader.json().has("default"));
            if (nowRequired) {
                out.add(at + (writer == null ? ": required property added" : ": property became required"));
            }
            if (writer != null && reader != null) {
                rules.compare(at, writer, reader, out);
            } else if (writer != null) {
                removed(at, writer, undeclared(r, name), "property", out);
            } else if (reader != null && !nowRequired) {
                added(at, undeclared(w, name), reader, "property", out);
            }
        }
        patternProperties(path, w, r, out);
        rest(path + "/additionalProperties", w.get("additionalProperties"), r.get("additionalProperties"),
                "additional properties", out);
        JsonSchemaKeywordRules.bound(path, w.json(), r.json(), "maxProperties", null, true, out);
        JsonSchemaKeywordRules.bound(path, w.json(), r.json(), "minProperties", null, false, out);
    }

    void arrays(String path, JsonSchemaNode w, JsonSchemaNode r, List<String> out) {
        Shape writer = Shape.of(w);
        Shape reader = Shape.of(r);
        int common = Math.min(writer.tuple().size(), reader.tuple().size());
        for (int i = 0; i < common; i++) {
            rules.compare(path + "/" + reader.tupleKeyword() + "/" + i, writer.tuple().get(i), reader.tuple().get(i), out);
        }
        for (int i = common; i < writer.tuple().size(); i++) {
            removed(path + "/" + writer.tupleKeyword() + "/" + i, writer.tuple().get(i),
                    new Undeclared(reader.rest(), reader.restKeyword()), "tuple item", out);
        }
        for (int i = common; i < reader.tuple().size(); i++) {
            added(path + "/" + reader.tupleKeyword() + "/" + i, new Undeclared(writer.rest(), writer.restKeyword()),
                    reader.tuple().get(i), "tuple item", out);
        }
        rest(path + "/" + reader.restKeyword(), writer.rest(), reader.rest(), "additional items", out);
        JsonSchemaKeywordRules.bound(path, w.json(), r.json(), "maxItems", null, true, out);
        JsonSchemaKeywordRules.bound(path, w.json(), r.json(), "minItems", null, false, out);
        boolean readerUnique = r.json().path("uniqueItems").asBoolean(false);
        if (readerUnique && !w.json().path("uniqueItems").asBoolean(false)) {
            out.add(path + ": uniqueItems added");
        }
    }

    /** The writer had it, the reader does not declare it: the reader's content model must accept it. */
    private void removed(String at, JsonSchemaNode writer, Undeclared reader, String what, List<String> out) {
        if (reader.schema() == null || writer.isFalse()) {
            return;
        }
        if (reader.schema().isFalse()) {
            out.add(at + ": " + what + " removed from a closed content model (" + reader.keyword() + ": false)");
        } else {
            rules.compare(at, writer, reader.schema(), out);
        }
    }

    /** The reader declares it, the writer did not: the writer's content model may have put anything there. */
    private void added(String at, Undeclared writer, JsonSchemaNode reader, String what, List<String> out) {
        if (writer.schema() == null) {
            if (!reader.acceptsAll()) {
                out.add(at + ": " + what + " added to an open content model, where the writer allows any value");
            }
        } else {
            rules.compare(at, writer.schema(), reader, out);
        }
    }

    /** The content models themselves: additionalProperties, additionalItems (items in 2020-12). */
    private void rest(String at, JsonSchemaNode writer, JsonSchemaNode reader, String what, List<String> out) {
        if (reader == null || reader.acceptsAll()) {
            return;
        }
        if (reader.isFalse()) {
            if (writer == null || !writer.isFalse()) {
                out.add(at + ": " + what + " are no longer allowed");
            }
        } else if (writer == null || writer.acceptsAll()) {
            out.add(at + ": narrowed from any value to a schema");
        } else {
            rules.compare(at, writer, reader, out);
        }
    }

    private void patternProperties(String path, JsonSchemaNode w, JsonSchemaNode r, List<String> out) {
        Map<String, JsonSchemaNode> writer = members(w.get("patternProperties"));
        Map<String, JsonSchemaNode> reader = members(r.get("patternProperties"));
        for (var entry : reader.entrySet()) {
            String at = path + "/patternProperties/" + JsonSchemaNode.escape(entry.getKey());
            if (writer.containsKey(entry.getKey())) {
                rules.compare(at, writer.get(entry.getKey()), entry.getValue(), out);
            } else {
                added(at, new Undeclared(w.get("additionalProperties"), "additionalProperties"), entry.getValue(),
                        "pattern property", out);
            }
        }
        for (var entry : writer.entrySet()) {
            if (!reader.containsKey(entry.getKey())) {
                removed(path + "/patternProperties/" + JsonSchemaNode.escape(entry.getKey()), entry.getValue(),
                        new Undeclared(r.get("additionalProperties"), "additionalProperties"), "pattern property", out);
            }
        }
    }

    /** The schema a property that {@code schema} does not declare must match; its schema null when open. */
    private static Undeclared undeclared(JsonSchemaNode schema, String name) {
        for (var entry : members(schema.get("patternProperties")).entrySet()) {
            if (Pattern.compile(entry.getKey()).matcher(name).find()) {
                return new Undeclared(entry.getValue(), "patternProperties");
            }
        }
        return new Undeclared(schema.get("additionalProperties"), "additionalProperties");
    }

    private static Map<String, JsonSchemaNode> members(JsonSchemaNode object) {
        Map<String, JsonSchemaNode> members = new LinkedHashMap<>();
        if (object != null && object.json().isObject()) {
            object.json().properties().forEach(e -> members.put(e.getKey(), object.child(e.getValue())));
        }
        return members;
    }

    private static Set<String> names(JsonSchemaNode array) {
        Set<String> names = new LinkedHashSet<>();
        if (array != null && array.json().isArray()) {
            array.json().forEach(name -> names.add(name.asText()));
        }
        return names;
    }

    private record Undeclared(JsonSchemaNode schema, String keyword) {
    }

    /** An array schema as a tuple of positional item schemas followed by a rest (null: open). */
    private record Shape(List<JsonSchemaNode> tuple, String tupleKeyword, JsonSchemaNode rest, String restKeyword) {

        static Shape of(JsonSchemaNode schema) {
            JsonSchemaNode prefixItems = schema.get("prefixItems");
            JsonSchemaNode items = schema.get("items");
            if (prefixItems != null) {
                return new Shape(elements(prefixItems), "prefixItems", items, "items");
            }
            if (items != null && items.json().isArray()) {
                return new Shape(elements(items), "items", schema.get("additionalItems"), "additionalItems");
            }
            return new Shape(List.of(), "items", items, "items");
        }

        private static List<JsonSchemaNode> elements(JsonSchemaNode array) {
            List<JsonSchemaNode> elements = new ArrayList<>();
            array.json().forEach(element -> elements.add(array.child(element)));
            return elements;
        }
    }
}
