package dev.weir.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks that a parsed JSON document is a JSON Schema (draft-04 to 2020-12): every keyword Weir
 * knows has a value of the right kind, patterns compile and every {@code $ref} resolves.
 * Unknown keywords are allowed, as the specification says.
 */
final class JsonSchemaCheck {

    static final List<String> TYPES =
            List.of("array", "boolean", "integer", "null", "number", "object", "string");

    private static final Set<String> SCHEMA_VALUED = Set.of(
            "additionalProperties", "additionalItems", "not", "contains", "propertyNames", "if",
            "then", "else", "unevaluatedItems", "unevaluatedProperties", "contentSchema");
    private static final Set<String> SCHEMA_MAPS = Set.of(
            "properties", "patternProperties", "definitions", "$defs", "dependentSchemas");
    private static final Set<String> SCHEMA_ARRAYS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> COUNTS = Set.of(
            "maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties",
            "maxContains", "minContains");
    private static final Map<String, String> DRAFTS = Map.of(
            "http://json-schema.org/draft-04/schema", "draft-04",
            "http://json-schema.org/draft-06/schema", "draft-06",
            "http://json-schema.org/draft-07/schema", "draft-07",
            "http://json-schema.org/draft/2019-09/schema", "2019-09",
            "http://json-schema.org/draft/2020-12/schema", "2020-12");

    private final JsonSchemaDocuments documents;
    private final String label;
    private final JsonNode root;

    private JsonSchemaCheck(JsonSchemaDocuments documents, String label, JsonNode root) {
        this.documents = documents;
        this.label = label;
        this.root = root;
    }

    /** @throws InvalidSchemaException naming the JSON path of the first mistake */
    static void check(JsonSchemaDocuments documents) {
        new JsonSchemaCheck(documents, "", documents.root().json()).schema("#", documents.root().json());
        documents.references().forEach((name, reference) ->
                new JsonSchemaCheck(documents, "reference \"" + name + "\": ", reference).schema("#", reference));
    }

    private void schema(String path, JsonNode node) {
        if (node.isBoolean()) {
            return;
        }
        if (!node.isObject()) {
            throw fail(path, "a schema must be a JSON object or a boolean, got " + describe(node));
        }
        for (var entry : node.properties()) {
            keyword(path, entry.getKey(), entry.getValue());
        }
    }

    private void keyword(String path, String keyword, JsonNode value) {
        String at = path + "/" + JsonSchemaNode.escape(keyword);
        if (SCHEMA_VALUED.contains(keyword)) {
            schema(at, value);
        } else if (SCHEMA_MAPS.contains(keyword)) {
            schemaMap(path, keyword, value);
        } else if (SCHEMA_ARRAYS.contains(keyword)) {
            schemaArray(path, keyword, value, !keyword.equals("prefixItems"));
        } else if (COUNTS.contains(keyword)) {
            if (!value.isIntegralNumber() || value.asLong() < 0) {
                throw fail(path, quoted(keyword) + " must be a non-negative integer, got " + describe(value));
            }
        } else {
            switch (keyword) {
                case "type" -> type(path, value);
                case "items" -> {
                    if (value.isArray()) {
                        schemaArray(path, keyword, value, false);
                    } else {
                        schema(at, value);
                    }
                }
                case "maximum", "minimum" -> number(path, keyword, value, false);
                case "exclusiveMaximum", "exclusiveMinimum" -> {
                    if (!value.isBoolean()) {
                        number(path, keyword, value, false);
                    }
                }
                case "multipleOf" -> number(path, keyword, value, true);
                case "required" -> names(path, keyword, value);
                case "enum" -> {
                    if (!value.isArray()) {
                        throw fail(path, "\"enum\" must be an array of values, got " + describe(value));
                    }
                }
                case "pattern" -> pattern(path, keyword, value);
                case "uniqueItems" -> {
                    if (!value.isBoolean()) {
                        throw fail(path, "\"uniqueItems\" must be true or false, got " + describe(value));
                    }
                }
                case "dependencies", "dependentRequired" -> dependencies(path, keyword, value);
                case "$ref" -> ref(path, value);
                case "$schema" -> draft(path, value);
                default -> {
                    // annotations and unknown keywords: any value
                }
            }
        }
    }

    private void type(String path, JsonNode value) {
        if (value.isTextual()) {
            typeName(path, value.asText());
            return;
        }
        if (!value.isArray() || value.isEmpty()) {
            throw fail(path, "\"type\" must be a type name or a non-empty array of type names, got "
                    + describe(value));
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw fail(path, "\"type\" must list type names, got " + describe(element));
            }
            typeName(path, element.asText());
            if (!seen.add(element.asText())) {
                throw fail(path, "\"type\" lists \"" + element.asText() + "\" twice");
            }
        }
    }

    private void typeName(String path, String name) {
        if (!TYPES.contains(name)) {
            throw fail(path, "unknown type \"" + name + "\"" + Suggestions.didYouMean(name, TYPES)
                    + "; the types are " + String.join(", ", TYPES));
        }
    }

    private void schemaMap(String path, String keyword, JsonNode value) {
        if (!value.isObject()) {
            throw fail(path, quoted(keyword) + " must be an object of schemas, got " + describe(value));
        }
        for (var entry : value.properties()) {
            if (keyword.equals("patternProperties")) {
                compile(path, keyword, entry.getKey());
            }
            schema(path + "/" + keyword + "/" + JsonSchemaNode.escape(entry.getKey()), entry.getValue());
        }
    }

    private void schemaArray(String path, String keyword, JsonNode value, boolean nonEmpty) {
        if (!value.isArray() || (nonEmpty && value.isEmpty())) {
            throw fail(path, quoted(keyword) + " must be a" + (nonEmpty ? " non-empty" : "n")
                    + " array of schemas, got " + describe(value));
        }
        for (int i = 0; i < value.size(); i++) {
            schema(path + "/" + keyword + "/" + i, value.get(i));
        }
    }

    private void number(String path, String keyword, JsonNode value, boolean positive) {
        if (!value.isNumber() || (positive && value.decimalValue().signum() <= 0)) {
            throw fail(path, quoted(keyword) + " must be a" + (positive ? " number greater than 0" : " number")
                    + ", got " + describe(value));
        }
    }

    private void names(String path, String keyword, JsonNode value) {
        if (!value.isArray()) {
            throw fail(path, quoted(keyword) + " must be an array of property names, got " + describe(value));
        }
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw fail(path, quoted(keyword) + " must list property names, got " + describe(element));
            }
        }
    }

    private void dependencies(String path, String keyword, JsonNode value) {
        if (!value.isObject()) {
            throw fail(path, quoted(keyword) + " must be an object, got " + describe(value));
        }
        for (var entry : value.properties()) {
            String at = path + "/" + keyword + "/" + JsonSchemaNode.escape(entry.getKey());
            if (entry.getValue().isArray() || keyword.equals("dependentRequired")) {
                names(at, keyword, entry.getValue());
            } else {
                schema(at, entry.getValue());
            }
        }
    }

    private void pattern(String path, String keyword, JsonNode value) {
        if (!value.isTextual()) {
            throw fail(path, quoted(keyword) + " must be a regular expression, got " + describe(value));
        }
        compile(path, keyword, value.asText());
    }

    private void compile(String path, String keyword, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw fail(path, quoted(keyword) + " has an invalid regular expression \"" + regex + "\": "
                    + e.getDescription());
        }
    }

    private void ref(String path, JsonNode value) {
        if (!value.isTextual()) {
            throw fail(path, "\"$ref\" must be a string, got " + describe(value));
        }
        if (documents.resolve(value.asText(), root) == null) {
            String known = documents.references().isEmpty()
                    ? "the schema has no references"
                    : "references: " + String.join(", ", documents.references().keySet());
            throw fail(path, "\"$ref\" \"" + value.asText() + "\" does not resolve (" + known + ")");
        }
    }

    private void draft(String path, JsonNode value) {
        String uri = value.asText().replaceFirst("^https://", "http://").replaceFirst("#$", "");
        if (!value.isTextual() || !DRAFTS.containsKey(uri)) {
            throw fail(path, "unsupported \"$schema\" " + value + "; Weir reads draft-04, draft-06, "
                    + "draft-07, 2019-09 and 2020-12");
        }
    }

    private InvalidSchemaException fail(String path, String message) {
        return new InvalidSchemaException(label + path + ": " + message);
    }

    private static String quoted(String keyword) {
        return "\"" + keyword + "\"";
    }

    static String describe(JsonNode value) {
        if (value.isNumber()) {
            return "the number " + value;
        }
        if (value.isTextual()) {
            return "the string " + value;
        }
        if (value.isArray()) {
            return value.isEmpty() ? "an empty array" : "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return value.toString();
    }
}
