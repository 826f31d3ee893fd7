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
 * Checks records; one that fails goes to the dead-letter topic with the failed check's name.
 * Checks run in order: required fields, field types, then rules.
 * <pre>
 * - validate:
 *     required: [id, amount]
 *     types: { amount: number, card_number: string }
 *     rules:
 *       - { name: positive-amount, expr: "amount > 0" }
 * </pre>
 */
public record ValidateStep(String id, List<String> required, Map<String, FieldType> types, List<Rule> rules,
                           Position pos) implements Step {

    public static final String TYPE = "validate";

    public static final StepDoc DOC = new StepDoc(TYPE, "Check records",
            "Checks required fields, then field types, then rules, in order. The first failed check sends the "
                    + "record to the dead-letter topic with rule required:FIELD, type:FIELD or the rule's name. "
                    + "Give at least one of required, types and rules.",
            ValueType.object(StepDoc.NAME,
                    FieldDoc.optional("required", ValueType.listOf(ValueType.string()),
                            "Fields that must be present and not null."),
                    FieldDoc.optional("types", ValueType.mapOf(ValueType.enumOf(FieldType.class)),
                            "The JSON type each named field must have, when present; number accepts integers too."),
                    FieldDoc.optional("rules", ValueType.listOf(ValueType.object(
                            FieldDoc.required("name", ValueType.string(), "Names the rule in dead-letter headers."),
                            FieldDoc.required("expr", ValueType.expression(), "Must be true for the record to pass."))),
                            "Named expressions that must hold."))
                    .atLeastOneOf("required", "types", "rules"),
            """
            - validate:
                required: [id, amount]
                types: { amount: number }
                rules:
                  - { name: positive-amount, expr: "amount > 0" }
            """);

    /** JSON value types a field can be required to have. {@code number} accepts integers too. */
    public enum FieldType { STRING, NUMBER, INTEGER, BOOLEAN, OBJECT, ARRAY }

    public record Rule(String name, Expr expr) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    static ValidateStep parse(String defaultId, YNode node) {
        Fields f = Fields.of(node, "validate step");
        String id = f.optionalString("name").orElse(defaultId);
        List<String> required = f.stringList("required");
        Map<String, FieldType> types = new LinkedHashMap<>();
        f.optional("types").ifPresent(n -> Fields.asMap(n, "types").entries()
                .forEach((k, e) -> types.put(k, Fields.enumValue(e.value(), "types." + k, FieldType.class))));
        List<Rule> rules = f.optional("rules").map(n -> Fields.list(n, "rules", r -> {
            Fields rf = Fields.of(r, "rule");
            String name = rf.requiredString("name");
            Expr expr = Expr.of(rf.required("expr"), "expr");
            rf.finish();
            return new Rule(name, expr);
        })).orElse(List.of());
        f.finish();
        if (required.isEmpty() && types.isEmpty() && rules.isEmpty()) {
            throw SpecException.at(node.pos(), "validate step checks nothing", "give at least one of: required, types, rules");
        }
        return new ValidateStep(id, List.copyOf(required), types, List.copyOf(rules), node.pos());
    }
}
