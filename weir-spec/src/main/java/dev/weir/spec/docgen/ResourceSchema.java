package dev.weir.spec.docgen;

import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ResourceDoc;
import dev.weir.spec.doc.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON Schema (draft-07, which editors' YAML support understands) of Weir resource files,
 * made from the same declarations as the reference docs: descriptions show on hover, and keys the
 * loader rejects are rejected here too ({@code additionalProperties: false}).
 */
public final class ResourceSchema {

    public static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";

    /** Durations as the loader reads them: a number and a unit, or ISO-8601. */
    static final String DURATION_PATTERN = "^([0-9]+([mM][sS]|[sS]|[mM]|[mM][iI][nN]|[hH]|[dD])|[pP][0-9A-Za-z.]+)$";

    private final Map<String, Object> definitions = new LinkedHashMap<>();

    private ResourceSchema() {
    }

    /** The schema as indented JSON text. */
    public static String json() {
        return JsonWriter.write(tree());
    }

    /** The schema as a tree of maps and lists. */
    public static Map<String, Object> tree() {
        return new ResourceSchema().resource();
    }

    private Map<String, Object> resource() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", DRAFT_07);
        root.put("title", "Weir resource");
        root.put("description", "A resource of a Weir project: apiVersion, kind, metadata and spec. "
                + "Made by 'weir schema' from the same declarations as Weir's reference docs.");
        root.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (FieldDoc f : ResourceKinds.envelope()) {
            properties.put(f.name(), field(f));
            if (f.required()) {
                required.add(f.name());
            }
        }
        root.put("required", required);
        root.put("properties", properties);
        root.put("additionalProperties", false);
        List<Object> perKind = new ArrayList<>();
        for (ResourceDoc doc : ResourceKinds.all()) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("title", doc.title() + " spec");
            spec.put("description", doc.summary());
            spec.putAll(object(doc.spec()));
            definitions.put(doc.kind(), spec);
            Map<String, Object> then = new LinkedHashMap<>();
            then.put("properties", Map.of("spec", Map.of("$ref", "#/definitions/" + doc.kind())));
            if (doc.specRequired()) {
                then.put("required", List.of("spec"));
            }
            perKind.add(Map.of(
                    "if", Map.of("properties", Map.of("kind", Map.of("const", doc.kind())), "required", List.of("kind")),
                    "then", then));
        }
        root.put("allOf", perKind);
        root.put("definitions", definitions);
        return root;
    }

    private Map<String, Object> field(FieldDoc f) {
        Map<String, Object> schema = new LinkedHashMap<>();
        String description = f.description() + f.defaultValue().map(d -> " Default: " + d + ".").orElse("");
        schema.put("description", description);
        Map<String, Object> type = type(f.type());
        if (type.containsKey("$ref")) {
            schema.put("allOf", List.of(type)); // draft-07 ignores keywords beside $ref
        } else {
            type.remove("description");
            schema.putAll(type);
        }
        f.defaultValue().flatMap(d -> literal(f.type(), d)).ifPresent(d -> schema.put("default", d));
        return schema;
    }

    private Map<String, Object> type(ValueType t) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (t instanceof ValueType.Text) {
            s.put("type", "string");
        } else if (t instanceof ValueType.Scalar || t instanceof ValueType.Expression) {
            s.put("type", List.of("string", "number", "boolean"));
        } else if (t instanceof ValueType.DurationValue) {
            s.put("type", "string");
            s.put("pattern", DURATION_PATTERN);
        } else if (t instanceof ValueType.IntegerValue) {
            s.put("type", "integer");
        } else if (t instanceof ValueType.NumberValue) {
            s.put("type", "number");
        } else if (t instanceof ValueType.BooleanValue) {
            s.put("type", "boolean");
        } else if (t instanceof ValueType.EnumValue e) {
            if (e.values().size() == 1) {
                s.put("const", e.values().get(0));
            } else {
                s.put("enum", e.values());
            }
        } else if (t instanceof ValueType.ListOf l) {
            s.put("type", "array");
            s.put("items", type(l.item()));
        } else if (t instanceof ValueType.MapOf m) {
            s.put("type", "object");
            s.put("additionalProperties", type(m.value()));
        } else if (t instanceof ValueType.ObjectOf o) {
            s.putAll(object(o));
        } else if (t instanceof ValueType.OneOf one) {
            s.put("anyOf", one.forms().stream().map(this::type).toList());
        } else if (t instanceof ValueType.Ref ref) {
            if (!definitions.containsKey(ref.name())) {
                definitions.put(ref.name(), Map.of()); // a recursive reference finds it while it is made
                Map<String, Object> def = new LinkedHashMap<>();
                def.put("title", ref.title());
                def.putAll(type(ref.resolve()));
                definitions.put(ref.name(), def);
            }
            s.put("$ref", "#/definitions/" + ref.name());
        }
        // AnyValue: no constraint
        return s;
    }

    private Map<String, Object> object(ValueType.ObjectOf o) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (FieldDoc f : o.fields()) {
            properties.put(f.name(), field(f));
        }
        List<String> required = o.fields().stream().filter(FieldDoc::required).map(FieldDoc::name).toList();
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        s.put("properties", properties);
        s.put("additionalProperties", false);
        if (!o.exactlyOne().isEmpty() && o.exactlyOne().size() == o.fields().size()) {
            s.put("minProperties", 1); // one key, and no other: a pipeline step
            s.put("maxProperties", 1);
        } else if (!o.exactlyOne().isEmpty()) {
            s.put("oneOf", o.exactlyOne().stream().map(n -> Map.of("required", List.of(n))).toList());
        }
        if (!o.atLeastOne().isEmpty()) {
            s.put("anyOf", o.atLeastOne().stream().map(n -> Map.of("required", List.of(n))).toList());
        }
        if (!o.requires().isEmpty()) {
            Map<String, Object> dependencies = new LinkedHashMap<>();
            o.requires().forEach((field, needed) -> dependencies.put(field, List.of(needed)));
            s.put("dependencies", dependencies);
        }
        return s;
    }

    /** A default as a JSON value, where it is one (not "the table's name"). */
    private static Optional<Object> literal(ValueType t, String text) {
        try {
            if (t instanceof ValueType.IntegerValue) {
                return Optional.of(Long.parseLong(text));
            }
            if (t instanceof ValueType.NumberValue) {
                return Optional.of(Double.parseDouble(text));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (t instanceof ValueType.BooleanValue && (text.equals("true") || text.equals("false"))) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        if (t instanceof ValueType.EnumValue e && e.values().contains(text)) {
            return Optional.of(text);
        }
        if (t instanceof ValueType.DurationValue && text.matches(DURATION_PATTERN)) {
            return Optional.of(text);
        }
        return Optional.empty();
    }
}
