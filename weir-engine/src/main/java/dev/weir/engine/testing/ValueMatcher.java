package dev.weir.engine.testing;

import dev.weir.engine.record.Json;
import dev.weir.spec.Position;
import dev.weir.spec.test.TopicExpectation.Match;
import dev.weir.spec.yaml.PlainValue;
import dev.weir.spec.yaml.YNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares a value as written in a test with a record's actual value, field by field, and names
 * each difference by its path ({@code $.customer.country}) and the position of the expected
 * field. Numbers compare by value ({@code 5} equals {@code 5.0}). With {@link Match#FIELDS}
 * only the fields written in the test are compared, at every depth.
 */
final class ValueMatcher {

    /** Where an actual value differs from the expected one. */
    record Difference(String path, String message, Position pos) {

        String format() {
            return path + ": " + message;
        }
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Characters of a value shown in a difference. */
    static final int RENDER_LIMIT = 120;

    private final Match match;

    ValueMatcher(Match match) {
        this.match = match;
    }

    /** Up to {@code limit} differences, first one first; none when the values match. */
    List<Difference> differences(YNode expected, Object actual, int limit) {
        List<Difference> out = new ArrayList<>();
        compare(expected, actual, "$", out, limit);
        return out;
    }

    private void compare(YNode expected, Object actual, String path, List<Difference> out, int limit) {
        if (out.size() >= limit) {
            return;
        }
        if (expected instanceof YNode.YMap m) {
            if (!(actual instanceof Map<?, ?> a)) {
                out.add(mismatch(path, expected, actual));
                return;
            }
            for (YNode.YMap.Entry e : m.entries().values()) {
                String p = path + member(e.key());
                if (!a.containsKey(e.key())) {
                    out.add(new Difference(p, "expected " + render(PlainValue.of(e.value())) + ", actual: no such field",
                            e.value().pos()));
                } else {
                    compare(e.value(), a.get(e.key()), p, out, limit);
                }
                if (out.size() >= limit) {
                    return;
                }
            }
            if (match == Match.EXACT) {
                for (Map.Entry<?, ?> e : a.entrySet()) {
                    if (!m.has(String.valueOf(e.getKey())) && out.size() < limit) {
                        out.add(new Difference(path + member(String.valueOf(e.getKey())),
                                "not expected, actual " + render(e.getValue()), m.pos()));
                    }
                }
            }
            return;
        }
        if (expected instanceof YNode.YSeq s) {
            if (!(actual instanceof List<?> a)) {
                out.add(mismatch(path, expected, actual));
                return;
            }
            if (s.items().size() != a.size()) {
                out.add(new Difference(path, "expected " + items(s.items().size()) + ", actual " + items(a.size())
                        + " " + render(a), s.pos()));
                return;
            }
            for (int i = 0; i < a.size(); i++) {
                compare(s.items().get(i), a.get(i), path + "[" + i + "]", out, limit);
            }
            return;
        }
        if (!scalarEquals((YNode.YScalar) expected, actual)) {
            out.add(mismatch(path, expected, actual));
        }
    }

    static boolean scalarEquals(YNode.YScalar expected, Object actual) {
        Object e = PlainValue.of(expected);
        if (e instanceof Number en && actual instanceof Number an) {
            return numbersEqual(en, an);
        }
        return e == null ? actual == null : e.equals(actual);
    }

    private static boolean numbersEqual(Number a, Number b) {
        if (integral(a) && integral(b)) {
            return new BigInteger(a.toString()).equals(new BigInteger(b.toString()));
        }
        return a.doubleValue() == b.doubleValue() || Double.isNaN(a.doubleValue()) && Double.isNaN(b.doubleValue());
    }

    private static boolean integral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof BigInteger;
    }

    private static Difference mismatch(String path, YNode expected, Object actual) {
        return new Difference(path, "expected " + render(PlainValue.of(expected)) + ", actual " + render(actual),
                expected.pos());
    }

    private static String items(int n) {
        return n == 1 ? "1 item" : n + " items";
    }

    static String member(String name) {
        return IDENTIFIER.matcher(name).matches() ? "." + name : "[" + Json.writeString(name) + "]";
    }

    /** A value as JSON, cut short when long. */
    static String render(Object value) {
        return render(value, RENDER_LIMIT);
    }

    static String render(Object value, int limit) {
        String s;
        try {
            s = Json.writeString(value);
        } catch (IllegalArgumentException e) {
            s = String.valueOf(value);
        }
        return s.length() <= limit ? s : s.substring(0, limit) + "...";
    }
}
