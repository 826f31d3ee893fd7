package dev.weir.spec.test;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Expr;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test case expects on one topic: one or more checks, run in the order count, records,
 * unordered, contains, deadLetters, each. A list in place of the mapping is short for
 * {@code records}, so {@code fraud-alerts: []} expects no record at all.
 */
public record TopicExpectation(String topic, Match match, List<Expectation> checks, Position pos) {

    /** How expected values are compared with actual ones. */
    public enum Match {
        /** Only the fields written in the test are compared, in nested objects too; others may differ. */
        FIELDS,
        /** Values must be equal in full: no field missing, none extra. */
        EXACT
    }

    static List<TopicExpectation> parseAll(YNode expect) {
        YNode.YMap m = Fields.asMap(expect, "expect");
        List<TopicExpectation> out = new ArrayList<>();
        for (YNode.YMap.Entry e : m.entries().values()) {
            out.add(parse(e.key(), e.keyPos(), e.value()));
        }
        if (out.isEmpty()) {
            throw SpecException.at(expect.pos(), "'expect' names no topic", "e.g. expect: { fraud-alerts: { count: 1 } }");
        }
        return out;
    }

    private static TopicExpectation parse(String topic, Position pos, YNode node) {
        if (node instanceof YNode.YSeq) {
            return new TopicExpectation(topic, Match.FIELDS,
                    List.of(new Expectation.Records(records(node, topic), node.pos())), pos);
        }
        Fields f = Fields.of(node, "expectation on '" + topic + "'");
        Match match = f.optionalEnum("match", Match.class).orElse(Match.FIELDS);
        List<Expectation> checks = new ArrayList<>();
        f.optional("count").ifPresent(n -> {
            int count = Fields.integer(n, "count");
            if (count < 0) {
                throw SpecException.at(n.pos(), "'count' must be 0 or more");
            }
            checks.add(new Expectation.Count(count, n.pos()));
        });
        f.optional("records").ifPresent(n -> checks.add(new Expectation.Records(records(n, "records"), n.pos())));
        f.optional("unordered").ifPresent(n -> checks.add(new Expectation.Unordered(records(n, "unordered"), n.pos())));
        f.optional("contains").ifPresent(n -> checks.add(new Expectation.Contains(records(n, "contains"), n.pos())));
        f.optional("deadLetters").ifPresent(n -> checks.add(new Expectation.DeadLetters(
                Fields.list(n, "deadLetters", ExpectedDeadLetter::parse), n.pos())));
        f.optional("each").ifPresent(n -> checks.add(new Expectation.Each(Expr.of(n, "each"), n.pos())));
        f.finish();
        if (checks.isEmpty()) {
            throw SpecException.at(node.pos(), "expectation on '" + topic + "' checks nothing",
                    "use count, records, unordered, contains, deadLetters or each");
        }
        return new TopicExpectation(topic, match, List.copyOf(checks), pos);
    }

    private static List<ExpectedRecord> records(YNode n, String key) {
        return Fields.list(n, key, ExpectedRecord::parse);
    }
}
