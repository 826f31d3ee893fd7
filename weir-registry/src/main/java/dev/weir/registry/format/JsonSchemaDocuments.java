package dev.weir.registry.format;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON Schema as registered, parsed: the schema itself and the schemas it references by name,
 * with {@code $ref} resolution across them (JSON Pointer fragments, {@code $id}s and anchors).
 */
final class JsonSchemaDocuments {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final JsonNode root;
    private final Map<String, JsonNode> references;
    private final Map<String, JsonSchemaNode> ids = new HashMap<>();
    private final Map<JsonNode, Map<String, JsonNode>> anchorsByRoot = new IdentityHashMap<>();

    private JsonSchemaDocuments(JsonNode root, Map<String, JsonNode> references) {
        this.root = root;
        this.references = references;
        index(root, root);
        references.values().forEach(reference -> index(reference, reference));
    }

    /** @throws InvalidSchemaException when the schema or a reference is not JSON */
    static JsonSchemaDocuments parse(SchemaText text) {
        Map<String, JsonNode> references = new LinkedHashMap<>();
        new TreeMap<>(text.references()).forEach((name, reference) ->
                references.put(name, parseJson(reference, "reference \"" + name + "\": ")));
        return new JsonSchemaDocuments(parseJson(text.schema(), ""), references);
    }

    JsonSchemaNode root() {
        return new JsonSchemaNode(root, root, this);
    }

    Map<String, JsonNode> references() {
        return references;
    }

    /** The schema {@code ref} points at, from a schema inside {@code from}; null when it points nowhere. */
    JsonSchemaNode resolve(String ref, JsonNode from) {
        int hash = ref.indexOf('#');
        String base = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : decode(ref.substring(hash + 1));
        JsonNode document;
        JsonNode documentRoot;
        if (base.isEmpty()) {
            document = from;
            documentRoot = from;
        } else if (references.containsKey(base)) {
            document = references.get(base);
            documentRoot = document;
        } else if (ids.containsKey(base)) {
            document = ids.get(base).json();
            documentRoot = ids.get(base).root();
        } else {
            return null;
        }
        JsonNode target;
        if (fragment.isEmpty()) {
            target = document;
        } else if (fragment.startsWith("/")) {
            target = pointer(document, fragment);
        } else {
            target = anchorsByRoot.getOrDefault(documentRoot, Map.of()).get(fragment);
        }
        return target == null ? null : new JsonSchemaNode(target, documentRoot, this);
    }

    /** The schema with object keys sorted and no insignificant whitespace. */
    static String canonical(JsonNode node) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MAPPER.writeValue(out, sorted(node));
            return out.toString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write a parsed JSON tree", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            new TreeMap<>(toMap(node)).forEach((name, value) -> sorted.set(name, sorted(value)));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> sorted.add(sorted(element)));
            return sorted;
        }
        return node;
    }

    private static Map<String, JsonNode> toMap(JsonNode object) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    private static JsonNode parseJson(String text, String label) {
        JsonNode json;
        try {
            json = MAPPER.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidSchemaException(label + "invalid JSON" + where + ": " + reason(e.getOriginalMessage()), e);
        }
        if (json.isMissingNode()) {
            throw new InvalidSchemaException(label + "the schema text is empty");
        }
        return json;
    }

    private static String reason(String message) {
        if (message.startsWith("Trailing token")) {
            return "more content after the end of the schema";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static JsonNode pointer(JsonNode document, String fragment) {
        try {
            JsonNode target = document.at(JsonPointer.compile(fragment));
            return target.isMissingNode() ? null : target;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Collects {@code $id}s (whole URIs) and anchors ({@code $anchor}, or a draft-06/07 {@code "$id": "#name"}). */
    private void index(JsonNode node, JsonNode documentRoot) {
        if (node.isObject()) {
            JsonNode id = node.get("$id");
            if (id != null && id.isTextual()) {
                String value = id.asText();
                if (value.startsWith("#")) {
                    anchor(documentRoot, value.substring(1), node);
                } else {
                    String uri = value.endsWith("#") ? value.substring(0, value.length() - 1) : value;
                    ids.put(uri, new JsonSchemaNode(node, documentRoot, this));
                }
            }
            JsonNode anchor = node.get("$anchor");
            if (anchor != null && anchor.isTextual()) {
                anchor(documentRoot, anchor.asText(), node);
            }
        }
        if (node.isContainerNode()) {
            node.forEach(child -> index(child, documentRoot));
        }
    }

    private void anchor(JsonNode documentRoot, String name, JsonNode node) {
        anchorsByRoot.computeIfAbsent(documentRoot, r -> new HashMap<>()).put(name, node);
    }

    private static String decode(String fragment) {
        if (!fragment.contains("%")) {
            return fragment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (c == '%' && isHex(fragment, i + 1) && isHex(fragment, i + 2)) {
                bytes.write(Integer.parseInt(fragment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
