package dev.weir.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One (sub)schema of a JSON Schema document, with the document it sits in, so that its
 * {@code $ref}s resolve: local pointers against {@code root}, other names through {@code documents}.
 */
record JsonSchemaNode(JsonNode json, JsonNode root, JsonSchemaDocuments documents) {

    /** Keywords that restrict which documents are valid; every other keyword is an annotation. */
    static final Set<String> ASSERTIONS = Set.of(
            "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
            "exclusiveMinimum", "maxLength", "minLength", "pattern", "items", "prefixItems",
            "additionalItems", "unevaluatedItems", "contains", "maxContains", "minContains",
            "maxItems", "minItems", "uniqueItems", "properties", "patternProperties",
            "additionalProperties", "unevaluatedProperties", "propertyNames", "maxProperties",
            "minProperties", "required", "dependentRequired", "dependentSchemas", "dependencies",
            "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref", "$dynamicRef",
            "$recursiveRef");

    JsonSchemaNode child(JsonNode json) {
        return new JsonSchemaNode(json, root, documents);
    }

    /** The subschema or value under {@code keyword}, or null when absent (or this is a boolean schema). */
    JsonSchemaNode get(String keyword) {
        JsonNode value = json.get(keyword);
        return value == null ? null : child(value);
    }

    JsonSchemaNode resolve(String ref) {
        return documents.resolve(ref, root);
    }

    /** The {@code false} schema: no document is valid. */
    boolean isFalse() {
        return json.isBoolean() && !json.booleanValue();
    }

    /** {@code true}, or an object without assertions: every document is valid. */
    boolean acceptsAll() {
        return json.isBoolean() ? json.booleanValue() : hasNoAssertion(json);
    }

    static boolean hasNoAssertion(JsonNode json) {
        for (var property : json.properties()) {
            if (ASSERTIONS.contains(property.getKey())) {
                return false;
            }
        }
        return true;
    }

    /** A JSON Pointer segment for a property name, as it appears in a problem's path. */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
