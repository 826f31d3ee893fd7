package dev.weir.spec.step;

import dev.weir.spec.Position;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.model.Expr;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

/**
 * Keeps records for which the expression is true, drops the others.
 * <pre>- filter: "amount > 0"</pre>
 */
public record FilterStep(String id, Expr expr, Position pos) implements Step {

    public static final String TYPE = "filter";

    public static final StepDoc DOC = new StepDoc(TYPE, "Keep records that match",
            "Keeps records for which the expression is true and drops the others. Write the expression alone, "
                    + "or a mapping with expr and name.",
            ValueType.oneOf(ValueType.expression(), ValueType.object(StepDoc.NAME,
                    FieldDoc.required("expr", ValueType.expression(), "Records for which this is true are kept."))),
            """
            - filter: "amount > 0 && country != 'XX'"
            """);

    @Override
    public String type() {
        return TYPE;
    }

    static FilterStep parse(String defaultId, YNode node) {
        if (node instanceof YNode.YMap) {
            Fields f = Fields.of(node, "filter step");
            String id = f.optionalString("name").orElse(defaultId);
            Expr expr = Expr.of(f.required("expr"), "expr");
            f.finish();
            return new FilterStep(id, expr, node.pos());
        }
        return new FilterStep(defaultId, Expr.of(node, "filter"), node.pos());
    }
}
