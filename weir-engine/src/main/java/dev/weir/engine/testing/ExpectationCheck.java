package dev.weir.engine.testing;

import dev.weir.engine.deadletter.DeadLetterHeaders;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.engine.record.Json;
import dev.weir.spec.Position;
import dev.weir.spec.test.ExpectedDeadLetter;
import dev.weir.spec.test.ExpectedRecord;
import dev.weir.spec.test.Expectation;
import dev.weir.spec.test.TopicExpectation;
import dev.weir.spec.yaml.YNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks what a test case expects on one topic against the records written there, and
 * describes the first difference: which record, which field, expected and actual, and where in
 * the test file the expectation was written.
 */
final class ExpectationCheck {

    /** Actual records listed under a failure, at most. */
    static final int SHOWN = 10;

    /** Characters of an actual record's value or headers shown under a failure. */
    static final int DETAIL_LIMIT = 400;

    /** The header each field of an expected dead letter stands for. */
    private static final Map<String, String> DEAD_LETTER_HEADERS = Map.of("pipeline", DeadLetterHeaders.PIPELINE,
            "step", DeadLetterHeaders.STEP, "rule", DeadLetterHeaders.RULE, "error", DeadLetterHeaders.ERROR);

    /** An actual record, numbered from 1 in topic order, with its value decoded once. */
    private record Actual(int number, TopicRecord record, Object value) {
    }

    private final Function<Expectation.Each, CompiledExpression> conditions;
    private final WireCodec wire;

    ExpectationCheck(Function<Expectation.Each, CompiledExpression> conditions, WireCodec wire) {
        this.conditions = conditions;
        this.wire = wire;
    }

    Optional<Failure> check(TopicExpectation expectation, List<TopicRecord> records) {
        List<Actual> actual = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            TopicRecord r = records.get(i);
            actual.add(new Actual(i + 1, r, wire.decode(r.value()).map(m -> (Object) m).orElseGet(r::decodedValue)));
        }
        ValueMatcher matcher = new ValueMatcher(expectation.match());
        String topic = expectation.topic();
        for (Expectation e : expectation.checks()) {
            Optional<Failure> failure;
            if (e instanceof Expectation.Count c) {
                failure = count(topic, c.count(), "record", actual, c.pos());
            } else if (e instanceof Expectation.Records r) {
                failure = inOrder(topic, r, actual, matcher);
            } else if (e instanceof Expectation.Unordered u) {
                failure = count(topic, u.records().size(), "record", actual, u.pos())
                        .or(() -> matched(topic, u.records(), actual, matcher));
            } else if (e instanceof Expectation.Contains c) {
                failure = matched(topic, c.records(), actual, matcher);
            } else if (e instanceof Expectation.DeadLetters d) {
                failure = deadLetters(topic, d, actual);
            } else {
                failure = each(topic, (Expectation.Each) e, actual);
            }
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> count(String topic, int expected, String noun, List<Actual> actual, Position pos) {
        if (actual.size() == expected) {
            return Optional.empty();
        }
        List<String> details = new ArrayList<>();
        if (!actual.isEmpty()) {
            details.add("actual records on " + topic + ":");
            actual.stream().limit(SHOWN).forEach(a -> details.add("  " + a.number() + ": " + describe(a, false)));
            if (actual.size() > SHOWN) {
                details.add("  ... and " + (actual.size() - SHOWN) + " more");
            }
        }
        return Optional.of(new Failure(topic + ": expected " + plural(expected, noun) + ", got " + actual.size(),
                pos, details));
    }

    private static Optional<Failure> inOrder(String topic, Expectation.Records r, List<Actual> actual, ValueMatcher m) {
        Optional<Failure> count = count(topic, r.records().size(), "record", actual, r.pos());
        if (count.isPresent()) {
            return count;
        }
        for (int i = 0; i < actual.size(); i++) {
            List<ValueMatcher.Difference> diffs = differences(r.records().get(i), actual.get(i), m, 1);
            if (!diffs.isEmpty()) {
                return Optional.of(recordFailure(topic, actual.get(i), diffs.get(0), false));
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> matched(String topic, List<ExpectedRecord> expected, List<Actual> actual,
                                             ValueMatcher m) {
        int[] pairs = RecordMatching.match(expected.size(), actual.size(),
                (e, a) -> differences(expected.get(e), actual.get(a), m, 1).isEmpty());
        for (int e = 0; e < pairs.length; e++) {
            if (pairs[e] >= 0) {
                continue;
            }
            ExpectedRecord wanted = expected.get(e);
            String what = topic + ": expected record " + (e + 1) + " matches no record";
            Actual closest = null;
            List<ValueMatcher.Difference> closestDiffs = List.of();
            for (Actual a : actual) {
                List<ValueMatcher.Difference> d = differences(wanted, a, m, 100);
                if (closest == null || d.size() < closestDiffs.size()) {
                    closest = a;
                    closestDiffs = d;
                }
            }
            if (closest == null) {
                return Optional.of(new Failure(what + " (there are none)", wanted.pos(), List.of()));
            }
            if (closestDiffs.isEmpty()) {
                return Optional.of(new Failure(what + " of its own: the records it matches match other expected "
                        + "records too", wanted.pos(), List.of("  e.g. actual record " + closest.number() + ": "
                        + describe(closest, false))));
            }
            ValueMatcher.Difference first = closestDiffs.get(0);
            return Optional.of(new Failure(what + "; closest is record " + closest.number() + ": " + first.format(),
                    first.pos(), List.of("actual record " + closest.number() + ": " + describe(closest, false))));
        }
        return Optional.empty();
    }

    private static Optional<Failure> deadLetters(String topic, Expectation.DeadLetters d, List<Actual> actual) {
        Optional<Failure> count = count(topic, d.deadLetters().size(), "dead letter", actual, d.pos());
        if (count.isPresent()) {
            return count;
        }
        for (int i = 0; i < actual.size(); i++) {
            Actual a = actual.get(i);
            for (ExpectedDeadLetter.HeaderCheck c : d.deadLetters().get(i).checks()) {
                String header = DEAD_LETTER_HEADERS.get(c.field());
                String value = a.record().headers().get(header);
                boolean ok = value != null && (c.byContainment() ? value.contains(c.expected()) : value.equals(c.expected()));
                if (!ok) {
                    String expected = (c.byContainment() ? "expected to contain " : "expected ") + Json.writeString(c.expected());
                    return Optional.of(recordFailure(topic, a, new ValueMatcher.Difference("header " + header,
                            expected + ", actual " + (value == null ? "none" : Json.writeString(value)), c.pos()), true));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Failure> each(String topic, Expectation.Each e, List<Actual> actual) {
        CompiledExpression condition = conditions.apply(e);
        for (Actual a : actual) {
            String problem;
            try {
                problem = condition.test(fields(a.value()), meta(a)) ? null
                        : "'" + e.condition().text() + "' is false";
            } catch (EvaluationFailure failure) {
                problem = "each: " + failure.getMessage();
            }
            if (problem != null) {
                return Optional.of(new Failure(topic + " record " + a.number() + ": " + problem, e.pos(),
                        List.of("actual record " + a.number() + ": " + describe(a, false))));
            }
        }
        return Optional.empty();
    }

    private static List<ValueMatcher.Difference> differences(ExpectedRecord e, Actual a, ValueMatcher m, int limit) {
        List<ValueMatcher.Difference> out = new ArrayList<>();
        e.key().ifPresent(k -> {
            YNode.YScalar key = (YNode.YScalar) k;
            String expected = key.isNull() ? null : key.text();
            if (expected == null ? a.record().key() != null : !expected.equals(a.record().key())) {
                out.add(new ValueMatcher.Difference("key", "expected " + Json.writeString(expected) + ", actual "
                        + Json.writeString(a.record().key()), k.pos()));
            }
        });
        e.headers().forEach((name, expected) -> {
            String value = a.record().headers().get(name);
            if (!expected.equals(value)) {
                out.add(new ValueMatcher.Difference("header " + name, "expected " + Json.writeString(expected)
                        + ", actual " + (value == null ? "none" : Json.writeString(value)), e.pos()));
            }
        });
        if (e.value().isPresent() && out.size() < limit) {
            YNode v = e.value().get();
            boolean sameText = v instanceof YNode.YScalar s && s.type() == YNode.YScalar.Type.STRING
                    && s.text().equals(a.record().text());
            if (!sameText) {
                out.addAll(m.differences(v, a.value(), limit - out.size()));
            }
        }
        return out;
    }

    private static Failure recordFailure(String topic, Actual a, ValueMatcher.Difference d, boolean headers) {
        return new Failure(topic + " record " + a.number() + ": " + d.format(), d.pos(),
                List.of("actual record " + a.number() + ": " + describe(a, headers)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("value", value);
        return wrapped;
    }

    private static RecordMeta meta(Actual a) {
        return new RecordMeta(a.record().key(), a.record().topic(), 0, a.number() - 1L, a.record().timestamp());
    }

    /** An actual record in a line: key, headers when they matter, and value, each cut short when long. */
    private static String describe(Actual a, boolean headers) {
        String key = "key " + Json.writeString(a.record().key());
        String value = "value " + ValueMatcher.render(a.value(), DETAIL_LIMIT);
        return headers ? key + ", headers " + ValueMatcher.render(a.record().headers(), DETAIL_LIMIT) + ", " + value
                : key + ", " + value;
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
