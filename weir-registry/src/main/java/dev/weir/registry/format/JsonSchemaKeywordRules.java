package dev.weir.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules for one plain JSON Schema (no combinators left): {@code not}, {@code enum}/{@code const},
 * {@code type}, and the string and number keywords. Object and array keywords are in
 * {@link JsonSchemaContentRules}.
 */
final class JsonSchemaKeywordRules {

    /** Keywords whose effect Weir does not analyse: any addition or change counts as breaking. */
    private static final List<String> COMPARED_FOR_EQUALITY = List.of(
            "contains", "minContains", "maxContains", "propertyNames", "if", "then", "else",
            "dependencies", "dependentRequired", "dependentSchemas", "unevaluatedItems",
            "unevaluatedProperties", "$dynamicRef", "$recursiveRef");

    private static final Comparator<JsonNode> NUMERIC_EQUALITY = (a, b) ->
            a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private JsonSchemaKeywordRules() {
    }

    static void compare(String path, JsonSchemaNode w, JsonSchemaNode r, List<String> out, JsonSchemaContentRules content) {
        not(path, w, r, out, content.rules());
        values(path, w.json(), r.json(), out);
        Set<String> writerTypes = types(w.json());
        Set<String> readerTypes = types(r.json());
        if (!typesOverlap(path, writerTypes, readerTypes, out)) {
            return;
        }
        if (applies("string", writerTypes, readerTypes)) {
            bound(path, w.json(), r.json(), "maxLength", null, true, out);
            bound(path, w.json(), r.json(), "minLength", null, false, out);
            pattern(path, w.json(), r.json(), out);
        }
        if (applies("number", writerTypes, readerTypes)) {
            bound(path, w.json(), r.json(), "maximum", "exclusiveMaximum", true, out);
            bound(path, w.json(), r.json(), "minimum", "exclusiveMinimum", false, out);
            multipleOf(path, w.json(), r.json(), out);
        }
        if (applies("object", writerTypes, readerTypes)) {
            content.objects(path, w, r, out);
        }
        if (applies("array", writerTypes, readerTypes)) {
            content.arrays(path, w, r, out);
        }
        for (String keyword : COMPARED_FOR_EQUALITY) {
            JsonNode readerValue = r.json().get(keyword);
            JsonNode writerValue = w.json().get(keyword);
            if (readerValue != null && writerValue == null) {
                out.add(path + ": " + keyword + " added");
            } else if (readerValue != null && !readerValue.equals(writerValue)) {
                out.add(path + ": " + keyword + " changed (Weir compares this keyword only for equality)");
            }
        }
    }

    /** The reader's {@code not} must exclude no more than the writer's: compared the other way round. */
    private static void not(String path, JsonSchemaNode w, JsonSchemaNode r, List<String> out, JsonSchemaRules rules) {
        JsonSchemaNode readerNot = r.get("not");
        if (readerNot == null) {
            return;
        }
        JsonSchemaNode writerNot = w.get("not");
        if (writerNot == null) {
            out.add(path + ": not added");
        } else {
            rules.compare(path + "/not", readerNot, writerNot, out);
        }
    }

    private static void values(String path, JsonNode w, JsonNode r, List<String> out) {
        List<JsonNode> readerValues = values(r);
        if (readerValues == null) {
            return;
        }
        List<JsonNode> writerValues = values(w);
        String keyword = r.has("enum") ? "enum" : "const";
        if (writerValues == null) {
            out.add(path + ": " + keyword + " added, only " + (keyword.equals("enum") ? r.get("enum") : r.get("const"))
                    + " accepted");
            return;
        }
        List<String> dropped = new ArrayList<>();
        for (JsonNode value : writerValues) {
            if (readerValues.stream().noneMatch(v -> v.equals(NUMERIC_EQUALITY, value))) {
                dropped.add(value.toString());
            }
        }
        if (!dropped.isEmpty()) {
            out.add(path + ": " + keyword + " narrowed, " + String.join(", ", dropped) + " no longer accepted");
        }
    }

    /** The values an {@code enum} or {@code const} allows (both: those in both), or null for any. */
    private static List<JsonNode> values(JsonNode schema) {
        List<JsonNode> values = null;
        if (schema.has("enum")) {
            values = new ArrayList<>();
            schema.get("enum").forEach(values::add);
        }
        if (schema.has("const")) {
            JsonNode constant = schema.get("const");
            values = values == null || values.stream().anyMatch(v -> v.equals(NUMERIC_EQUALITY, constant))
                    ? List.of(constant) : List.of();
        }
        return values;
    }

    /**
     * The declared types, or those of the enum/const values when no type is declared; null for any
     * type. "integer" is within "number".
     */
    static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null) {
            Set<String> types = new TreeSet<>();
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
            } else {
                types.add(type.asText());
            }
            return types;
        }
        List<JsonNode> values = values(schema);
        if (values == null) {
            return null;
        }
        Set<String> types = new TreeSet<>();
        values.forEach(v -> types.add(typeOf(v)));
        return types;
    }

    private static String typeOf(JsonNode value) {
        if (value.isNumber()) {
            return value.isIntegralNumber() || value.decimalValue().stripTrailingZeros().scale() <= 0
                    ? "integer" : "number";
        }
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case ARRAY -> "array";
            default -> "object";
        };
    }

    private static boolean accepts(Set<String> types, String type) {
        return types == null || types.contains(type) || (type.equals("integer") && types.contains("number"));
    }

    private static boolean applies(String type, Set<String> writer, Set<String> reader) {
        String checked = type.equals("number") ? "integer" : type; // number keywords apply to integers too
        return accepts(writer, checked) && accepts(reader, checked);
    }

    /** Reports type changes; false when no writer type is accepted at all, so nothing else is worth comparing. */
    private static boolean typesOverlap(String path, Set<String> writer, Set<String> reader, List<String> out) {
        if (reader == null) {
            return true;
        }
        if (writer == null) {
            out.add(path + ": type narrowed from any type to " + format(reader));
            return true;
        }
        if (writer.stream().allMatch(t -> accepts(reader, t))) {
            return true;
        }
        boolean overlap = writer.stream().anyMatch(t -> accepts(reader, t) || t.equals("number") && reader.contains("integer"));
        out.add(path + ": type " + (overlap ? "narrowed" : "changed") + " from " + format(writer) + " to " + format(reader));
        return overlap;
    }

    private static String format(Set<String> types) {
        return types.size() == 1 ? types.iterator().next() : types.toString();
    }

    private static void pattern(String path, JsonNode w, JsonNode r, List<String> out) {
        JsonNode reader = r.get("pattern");
        JsonNode writer = w.get("pattern");
        if (reader == null || reader.equals(writer)) {
            return;
        }
        out.add(path + (writer == null ? ": pattern added: " + reader : ": pattern changed from " + writer + " to " + reader));
    }

    private static void multipleOf(String path, JsonNode w, JsonNode r, List<String> out) {
        JsonNode reader = r.get("multipleOf");
        JsonNode writer = w.get("multipleOf");
        if (reader == null) {
            return;
        }
        if (writer == null) {
            out.add(path + ": multipleOf added: " + plain(reader.decimalValue()));
        } else if (writer.decimalValue().remainder(reader.decimalValue()).signum() != 0) {
            out.add(path + ": multipleOf changed from " + plain(writer.decimalValue()) + " to " + plain(reader.decimalValue()));
        }
    }

    /**
     * An upper or lower limit ({@code maxLength}, {@code maximum}, ...), with its exclusive form
     * when there is one (a number since draft-06, a flag on the inclusive keyword in draft-04). The
     * reader's limit must not be tighter than the writer's.
     */
    static void bound(String path, JsonNode w, JsonNode r, String keyword, String exclusiveKeyword, boolean upper,
            List<String> out) {
        Bound reader = Bound.of(r, keyword, exclusiveKeyword, upper);
        if (reader == null) {
            return;
        }
        Bound writer = Bound.of(w, keyword, exclusiveKeyword, upper);
        if (writer == null) {
            out.add(path + ": " + reader.keyword() + " added: " + plain(reader.value()));
            return;
        }
        int c = writer.value().compareTo(reader.value());
        if (upper ? c < 0 : c > 0) {
            return;
        }
        if (c != 0) {
            String direction = upper ? " decreased" : " increased";
            out.add(path + (reader.keyword().equals(writer.keyword())
                    ? ": " + reader.keyword() + direction + " from " + plain(writer.value()) + " to " + plain(reader.value())
                    : ": " + (upper ? "upper" : "lower") + " bound narrowed from " + writer + " to " + reader));
        } else if (reader.exclusive() && !writer.exclusive()) {
            out.add(path + ": " + (upper ? "upper" : "lower") + " bound narrowed from " + writer + " to " + reader);
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private record Bound(BigDecimal value, boolean exclusive, String keyword) {

        static Bound of(JsonNode schema, String keyword, String exclusiveKeyword, boolean upper) {
            Set<Bound> candidates = new LinkedHashSet<>();
            JsonNode inclusive = schema.get(keyword);
            JsonNode exclusive = exclusiveKeyword == null ? null : schema.get(exclusiveKeyword);
            if (inclusive != null && inclusive.isNumber()) {
                boolean draft4Exclusive = exclusive != null && exclusive.isBoolean() && exclusive.booleanValue();
                candidates.add(new Bound(inclusive.decimalValue(), draft4Exclusive,
                        draft4Exclusive ? exclusiveKeyword : keyword));
            }
            if (exclusive != null && exclusive.isNumber()) {
                candidates.add(new Bound(exclusive.decimalValue(), true, exclusiveKeyword));
            }
            Comparator<Bound> tighter = Comparator.comparing(Bound::value);
            if (upper) {
                tighter = tighter.reversed();
            }
            tighter = tighter.thenComparing(Bound::exclusive);
            return candidates.stream().max(tighter).orElse(null);
        }

        @Override
        public String toString() {
            return keyword + " " + plain(value);
        }
    }
}
