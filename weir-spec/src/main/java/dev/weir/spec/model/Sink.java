package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.Optional;

/** Where a pipeline writes what is left after its steps. {@code key} is an expression; without it the key is kept. */
public record Sink(String topic, Format format, Optional<Expr> key, Position pos) {

    public static final ValueType.ObjectOf DOC = ValueType.object(
            FieldDoc.required("topic", ValueType.string(), "The topic to write."),
            FieldDoc.optional("format", ValueType.enumOf(Format.class), "json", "How records are encoded."),
            FieldDoc.optional("key", ValueType.expression(), "the record's key", "The record key, computed from the record."));

    public static Sink parse(YNode node) {
        Fields f = Fields.of(node, "sink");
        String topic = f.requiredString("topic");
        Format format = f.optionalEnum("format", Format.class).orElse(Format.JSON);
        Optional<Expr> key = f.optional("key").map(n -> Expr.of(n, "key"));
        f.finish();
        return new Sink(topic, format, key, f.pos());
    }
}
