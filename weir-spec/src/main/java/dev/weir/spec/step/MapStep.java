package dev.weir.spec.step;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.model.Expr;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reshapes a record: {@code set} fields from expressions (all evaluated against the incoming
 * record), then {@code rename}, then {@code drop}.
 * <pre>
 * - map:
 *     set: { amount_cents: "int(amount * 100.0)" }
 *     rename: { ts: event_time }
 *     drop: [internal_id]
 * </pre>
 */
public record MapStep(String id, Map<String, Expr> set, Map<String, String> rename, List<String> drop, Position pos)
        implements Step {

    public static final String TYPE = "map";

    public static final StepDoc DOC = new StepDoc(TYPE, "Reshape records",
            "Sets fields from expressions (all evaluated against the incoming record), then renames, then drops "
                    + "fields. Give at least one of set, rename and drop.",
            ValueType.object(StepDoc.NAME,
                    FieldDoc.optional("set", ValueType.mapOf(ValueType.expression()),
                            "Fields to set, each to the value of an expression; existing fields are replaced."),
                    FieldDoc.optional("rename", ValueType.mapOf(ValueType.string()),
                            "Fields to rename: old name to new name."),
                    FieldDoc.optional("drop", ValueType.listOf(ValueType.string()), "Fields to remove."))
                    .atLeastOneOf("set", "rename", "drop"),
            """
            - map:
                set: { amount_cents: "int(amount * 100.0)", card_last4: "card_number.substring(size(card_number) - 4)" }
                rename: { ts: event_time }
                drop: [internal_id]
            """);

    @Override
    public String type() {
        return TYPE;
    }

    static MapStep parse(String defaultId, YNode node) {
        Fields f = Fields.of(node, "map step");
        String id = f.optionalString("name").orElse(defaultId);
        Map<String, Expr> set = new LinkedHashMap<>();
        f.optional("set").ifPresent(n -> Fields.asMap(n, "set").entries()
                .forEach((k, e) -> set.put(k, Expr.of(e.value(), "set." + k))));
        Map<String, String> rename = f.stringMap("rename");
        List<String> drop = f.stringList("drop");
        f.finish();
        if (set.isEmpty() && rename.isEmpty() && drop.isEmpty()) {
            throw SpecException.at(node.pos(), "map step does nothing", "give at least one of: set, rename, drop");
        }
        return new MapStep(id, set, rename, drop, node.pos());
    }
}
