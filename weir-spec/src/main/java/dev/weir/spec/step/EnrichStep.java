package dev.weir.spec.step;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.model.Expr;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

/**
 * Stream–table join: looks up {@code key} in the compacted topic {@code table} (a global table,
 * so no co-partitioning is needed) and puts the row in field {@code as}. With {@code join: left}
 * (the default) records without a row go on with {@code as} set to null; with {@code inner} they
 * are dropped.
 * <pre>- enrich: { table: customers, key: customer_id, as: customer }</pre>
 */
public record EnrichStep(String id, String table, Expr key, String as, JoinType join, Position pos) implements Step {

    public static final String TYPE = "enrich";

    public static final StepDoc DOC = new StepDoc(TYPE, "Look up a table",
            "Stream-table join: looks the key up in a compacted topic read as a global table and puts the row in "
                    + "a field. join: left keeps records without a row (the field is null); inner drops them.",
            ValueType.object(StepDoc.NAME,
                    FieldDoc.required("table", ValueType.string(), "The compacted topic read as a table."),
                    FieldDoc.required("key", ValueType.expression(), "The table key to look up."),
                    FieldDoc.optional("as", ValueType.string(), "the table's name", "The field the row is put in."),
                    FieldDoc.optional("join", ValueType.enumOf(JoinType.INNER, JoinType.LEFT), "left",
                            "Whether records without a row are kept (left) or dropped (inner).")),
            """
            - enrich: { table: customers, key: customer_id, as: customer }
            """);

    @Override
    public String type() {
        return TYPE;
    }

    static EnrichStep parse(String defaultId, YNode node) {
        Fields f = Fields.of(node, "enrich step");
        String id = f.optionalString("name").orElse(defaultId);
        String table = f.requiredString("table");
        Expr key = Expr.of(f.required("key"), "key");
        String as = f.optionalString("as").orElse(table);
        JoinType join = f.optionalEnum("join", JoinType.class).orElse(JoinType.LEFT);
        if (join == JoinType.OUTER) {
            throw SpecException.at(f.required("join").pos(), "enrich supports join: inner or left",
                    "outer joins need two streams: use the join step");
        }
        f.finish();
        return new EnrichStep(id, table, key, as, join, node.pos());
    }
}
