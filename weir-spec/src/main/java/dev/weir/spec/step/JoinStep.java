package dev.weir.spec.step;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.model.Expr;
import dev.weir.spec.model.Format;
import dev.weir.spec.model.StoreKind;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.time.Duration;

/**
 * Stream–stream join within a time window: each record is matched with records of {@code topic}
 * whose {@code otherKey} equals this record's {@code key} and whose event times lie within
 * {@code within} of each other. The match is put in field {@code as}.
 * <pre>- join: { topic: payments, key: order_id, otherKey: order_id, within: 5m, as: payment }</pre>
 */
public record JoinStep(String id, String topic, Format format, Expr key, Expr otherKey, Duration within,
                       Duration grace, JoinType join, String as, StoreKind store, Position pos) implements Step {

    public static final String TYPE = "join";

    public static final StepDoc DOC = new StepDoc(TYPE, "Join another stream",
            "Stream-stream join within a time window: matches records of another topic whose otherKey equals this "
                    + "record's key and whose event times are at most within apart; the match goes in a field. "
                    + "Left and outer results without a match are emitted when the window closes.",
            ValueType.object(StepDoc.NAME,
                    FieldDoc.required("topic", ValueType.string(), "The other stream's topic."),
                    FieldDoc.optional("format", ValueType.enumOf(Format.class), "json", "How the other topic's records are read."),
                    FieldDoc.required("key", ValueType.expression(), "This record's join key."),
                    FieldDoc.optional("otherKey", ValueType.expression(), "the same as key",
                            "The join key of the other topic's records."),
                    FieldDoc.required("within", ValueType.duration(), "The largest time apart two records may be."),
                    FieldDoc.optional("grace", ValueType.duration(), "0s", "How long late records are still joined."),
                    FieldDoc.optional("join", ValueType.enumOf(JoinType.class), "inner",
                            "Which records are kept without a match: none (inner), this stream's (left) or both (outer)."),
                    FieldDoc.optional("as", ValueType.string(), "the topic's name", "The field the match is put in."),
                    FieldDoc.optional("store", ValueType.enumOf(StoreKind.class), "rocksdb", "Where the join windows are kept.")),
            """
            - join: { topic: payments, key: order_id, otherKey: order_id, within: 5m, as: payment }
            """);

    @Override
    public String type() {
        return TYPE;
    }

    static JoinStep parse(String defaultId, YNode node) {
        Fields f = Fields.of(node, "join step");
        String id = f.optionalString("name").orElse(defaultId);
        String topic = f.requiredString("topic");
        Format format = f.optionalEnum("format", Format.class).orElse(Format.JSON);
        Expr key = Expr.of(f.required("key"), "key");
        Expr otherKey = f.optional("otherKey").map(n -> Expr.of(n, "otherKey")).orElse(key);
        Duration within = f.optionalDuration("within").orElseThrow(() ->
                SpecException.at(node.pos(), "join step needs 'within', the largest time apart two records may be", "e.g. within: 5m"));
        Duration grace = f.optionalDuration("grace").orElse(Duration.ZERO);
        JoinType join = f.optionalEnum("join", JoinType.class).orElse(JoinType.INNER);
        String as = f.optionalString("as").orElse(topic);
        StoreKind store = f.optionalEnum("store", StoreKind.class).orElse(StoreKind.ROCKSDB);
        f.finish();
        return new JoinStep(id, topic, format, key, otherKey, within, grace, join, as, store, node.pos());
    }
}
