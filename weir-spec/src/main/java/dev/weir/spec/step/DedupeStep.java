package dev.weir.spec.step;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.model.Expr;
import dev.weir.spec.model.StoreKind;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.time.Duration;

/**
 * Drops a record whose {@code key} expression was already seen within {@code within} of event
 * time. Duplicates are detected per input partition: records with the same dedupe key must share
 * a partition, as they do when the dedupe key derives from the record key.
 * <pre>- dedupe: { key: transaction_id, within: 10m }</pre>
 */
public record DedupeStep(String id, Expr key, Duration within, StoreKind store, Position pos) implements Step {

    public static final String TYPE = "dedupe";

    public static final StepDoc DOC = new StepDoc(TYPE, "Drop duplicates",
            "Drops a record whose key was already seen within the given time of event time. Duplicates are "
                    + "detected per input partition, so records with the same dedupe key must share a partition "
                    + "(as they do when the key derives from the record key).",
            ValueType.object(StepDoc.NAME,
                    FieldDoc.required("key", ValueType.expression(), "What makes two records duplicates."),
                    FieldDoc.required("within", ValueType.duration(), "How long a key is remembered; positive."),
                    FieldDoc.optional("store", ValueType.enumOf(StoreKind.class), "rocksdb",
                            "Where the seen keys are kept: on disk (rocksdb) or on the heap (memory).")),
            """
            - dedupe: { key: transaction_id, within: 10m }
            """);

    @Override
    public String type() {
        return TYPE;
    }

    static DedupeStep parse(String defaultId, YNode node) {
        Fields f = Fields.of(node, "dedupe step");
        String id = f.optionalString("name").orElse(defaultId);
        Expr key = Expr.of(f.required("key"), "key");
        Duration within = f.optionalDuration("within").orElseThrow(() ->
                SpecException.at(node.pos(), "dedupe step needs 'within', how long a key is remembered", "e.g. within: 10m"));
        if (within.isZero() || within.isNegative()) {
            throw SpecException.at(node.pos(), "'within' must be positive");
        }
        StoreKind store = f.optionalEnum("store", StoreKind.class).orElse(StoreKind.ROCKSDB);
        f.finish();
        return new DedupeStep(id, key, within, store, node.pos());
    }
}
