package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a pipeline reads. {@code key} and {@code timestamp} are expressions over the decoded
 * record; without them the record's own key and timestamp are kept.
 */
public record Source(List<String> topics, Format format, Optional<Expr> key, Optional<Expr> timestamp, Position pos) {

    public static final ValueType.ObjectOf DOC = ValueType.object(
            FieldDoc.optional("topic", ValueType.string(), "The topic to read."),
            FieldDoc.optional("topics", ValueType.oneOf(ValueType.string(), ValueType.listOf(ValueType.string())),
                    "Several topics to read, as one stream."),
            FieldDoc.optional("format", ValueType.enumOf(Format.class), "json",
                    "json: each value is a JSON object; string: UTF-8 text, seen as the field value."),
            FieldDoc.optional("key", ValueType.expression(), "the record's key",
                    "The record key, computed from the decoded value."),
            FieldDoc.optional("timestamp", ValueType.expression(), "the record's timestamp",
                    "Event time: epoch milliseconds or an ISO-8601 string."))
            .atLeastOneOf("topic", "topics");

    public static Source parse(YNode node) {
        Fields f = Fields.of(node, "source");
        List<String> topics = new ArrayList<>();
        f.optional("topic").ifPresent(n -> topics.add(Fields.string(n, "topic")));
        f.optional("topics").ifPresent(n -> topics.addAll(Fields.oneOrMany(n, "topics", i -> Fields.string(i, "topics"))));
        if (topics.isEmpty()) {
            throw SpecException.at(f.pos(), "source needs 'topic' (or 'topics' for several)");
        }
        Format format = f.optionalEnum("format", Format.class).orElse(Format.JSON);
        Optional<Expr> key = f.optional("key").map(n -> Expr.of(n, "key"));
        Optional<Expr> ts = f.optional("timestamp").map(n -> Expr.of(n, "timestamp"));
        f.finish();
        return new Source(List.copyOf(topics), format, key, ts, f.pos());
    }
}
