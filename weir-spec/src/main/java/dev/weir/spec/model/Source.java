package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
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
