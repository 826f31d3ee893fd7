package dev.weir.spec.step;

import dev.weir.spec.Position;
import dev.weir.spec.model.Expr;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

/**
 * Keeps records for which the expression is true, drops the others.
 * <pre>- filter: "amount > 0"</pre>
 */
public record FilterStep(String id, Expr expr, Position pos) implements Step {

    public static final String TYPE = "filter";

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
