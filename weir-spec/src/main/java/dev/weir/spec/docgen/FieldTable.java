package dev.weir.spec.docgen;

import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Markdown table of an object's fields, nested fields flattened into dotted names
 * ({@code window.tumbling}, {@code rules[].name}), followed by the object's rules in words
 * ("exactly one of ..."). Named types are not opened; they link to their own section.
 */
final class FieldTable {

    private final Function<ValueType.Ref, String> refLink;
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<ValueType.Ref> refs = new LinkedHashSet<>();

    /** {@code refLink} gives the Markdown link for a named type, e.g. {@code [step](steps.md)}. */
    FieldTable(Function<ValueType.Ref, String> refLink) {
        this.refLink = refLink;
    }

    static String render(ValueType.ObjectOf o, Function<ValueType.Ref, String> refLink, Set<ValueType.Ref> refsFound) {
        FieldTable t = new FieldTable(refLink);
        t.addObject(o, "");
        refsFound.addAll(t.refs);
        StringBuilder out = new StringBuilder();
        if (!t.rows.isEmpty()) {
            out.append("| Field | Type | Required | Default | Description |\n");
            out.append("|---|---|---|---|---|\n");
            t.rows.forEach(r -> out.append(r).append('\n'));
        }
        if (!t.notes.isEmpty()) {
            out.append('\n');
            t.notes.forEach(n -> out.append(n).append('\n'));
        }
        return out.toString();
    }

    private void addObject(ValueType.ObjectOf o, String prefix) {
        for (FieldDoc f : o.fields()) {
            String name = prefix + f.name();
            rows.add("| `" + name + "` | " + type(f.type()) + " | " + (f.required() ? "yes" : "no") + " | "
                    + f.defaultValue().map(d -> defaultText(f.type(), d)).orElse("") + " | "
                    + escape(f.description()) + " |");
            nested(f.type(), name);
        }
        String where = prefix.isEmpty() ? "" : " in `" + prefix.replaceAll("(\\[])?\\.$", "") + "`";
        if (!o.exactlyOne().isEmpty()) {
            notes.add("- Exactly one of " + names(o.exactlyOne(), prefix) + where + ".");
        }
        if (!o.atLeastOne().isEmpty()) {
            notes.add("- At least one of " + names(o.atLeastOne(), prefix) + where + ".");
        }
        for (Map.Entry<String, String> r : o.requires().entrySet()) {
            notes.add("- `" + prefix + r.getKey() + "` only together with `" + prefix + r.getValue() + "`.");
        }
    }

    /** Rows for the fields of objects inside a field's type. */
    private void nested(ValueType t, String name) {
        if (t instanceof ValueType.ObjectOf o) {
            addObject(o, name + ".");
        } else if (t instanceof ValueType.ListOf l) {
            nested(l.item(), name + "[]");
        } else if (t instanceof ValueType.OneOf one) {
            List<String> objectForms = one.forms().stream().filter(ValueType.ObjectOf.class::isInstance)
                    .map(f -> names(((ValueType.ObjectOf) f).fieldNames(), ""))
                    .toList();
            if (objectForms.size() > 1) {
                notes.add("- `" + name + "` has one of these sets of fields: " + String.join("; or ", objectForms) + ".");
            }
            for (ValueType form : one.forms()) {
                nested(form, name);
            }
        } else if (t instanceof ValueType.MapOf m) {
            nested(m.value(), name + ".*");
        } else if (t instanceof ValueType.Ref ref) {
            refs.add(ref);
        }
    }

    /** A type in the words of the table, with enum values as code and named types as links. */
    String type(ValueType t) {
        if (t instanceof ValueType.EnumValue e && e.values().size() == 1) {
            return "`" + e.values().get(0) + "`";
        }
        if (t instanceof ValueType.EnumValue e) {
            return "one of " + String.join(", ", e.values().stream().map(v -> "`" + v + "`").toList());
        }
        if (t instanceof ValueType.ListOf l) {
            return "list of " + type(l.item());
        }
        if (t instanceof ValueType.MapOf m) {
            return "map of name to " + type(m.value());
        }
        if (t instanceof ValueType.OneOf one) {
            return String.join(" or ", one.forms().stream().map(this::type).distinct().toList());
        }
        if (t instanceof ValueType.Ref ref) {
            refs.add(ref);
            return refLink.apply(ref);
        }
        return t.describe();
    }

    private static String names(List<String> names, String prefix) {
        return String.join(", ", names.stream().map(n -> "`" + prefix + n + "`").toList());
    }

    /** A default the user could write is shown as code; one in words ("the table's name") as text. */
    private static String defaultText(ValueType t, String d) {
        boolean literal;
        if (t instanceof ValueType.IntegerValue) {
            literal = d.matches("-?[0-9]+");
        } else if (t instanceof ValueType.NumberValue) {
            literal = d.matches("-?[0-9]+(\\.[0-9]+)?");
        } else if (t instanceof ValueType.BooleanValue) {
            literal = d.equals("true") || d.equals("false");
        } else if (t instanceof ValueType.EnumValue e) {
            literal = e.values().contains(d);
        } else if (t instanceof ValueType.DurationValue) {
            literal = d.matches(ResourceSchema.DURATION_PATTERN);
        } else {
            literal = t instanceof ValueType.Text && !d.contains(" ");
        }
        return literal ? "`" + d + "`" : escape(d);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
