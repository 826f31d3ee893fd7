package dev.weir.spec.yaml;

import dev.weir.spec.Names;
import dev.weir.spec.Position;
import dev.weir.spec.SpecException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a mapping into typed values. Each field is asked for once, by name; {@link #finish()}
 * then reports keys nobody asked for, with the closest valid key as a hint.
 */
public final class Fields {

    private final YNode.YMap map;
    private final String what;
    private final Set<String> asked = new LinkedHashSet<>();

    private Fields(YNode.YMap map, String what) {
        this.map = map;
        this.what = what;
    }

    /** {@code what} names the thing being read in messages, e.g. "filter step". */
    public static Fields of(YNode node, String what) {
        if (node instanceof YNode.YMap m) {
            return new Fields(m, what);
        }
        throw SpecException.at(node.pos(), what + " must be a mapping, found " + node.describe());
    }

    public Position pos() {
        return map.pos();
    }

    public YNode.YMap node() {
        return map;
    }

    public boolean has(String key) {
        asked.add(key);
        YNode n = map.get(key);
        return n != null && !(n instanceof YNode.YScalar s && s.isNull());
    }

    public Optional<YNode> optional(String key) {
        asked.add(key);
        YNode n = map.get(key);
        if (n == null || (n instanceof YNode.YScalar s && s.isNull())) {
            return Optional.empty();
        }
        return Optional.of(n);
    }

    public YNode required(String key) {
        return optional(key).orElseThrow(() -> SpecException.at(map.pos(),
                what + " is missing required field '" + key + "'"));
    }

    public Optional<String> optionalString(String key) {
        return optional(key).map(n -> string(n, key));
    }

    public String requiredString(String key) {
        return string(required(key), key);
    }

    public Optional<Integer> optionalInt(String key) {
        return optional(key).map(n -> integer(n, key));
    }

    public Optional<Double> optionalNumber(String key) {
        return optional(key).map(n -> number(n, key));
    }

    public Optional<Boolean> optionalBool(String key) {
        return optional(key).map(n -> {
            if (n instanceof YNode.YScalar s && s.type() == YNode.YScalar.Type.BOOL) {
                return Boolean.parseBoolean(s.text().toLowerCase());
            }
            throw SpecException.at(n.pos(), "'" + key + "' must be true or false, found " + n.describe());
        });
    }

    public Optional<Duration> optionalDuration(String key) {
        return optional(key).map(n -> duration(n, key));
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String key, Class<E> type) {
        return optional(key).map(n -> enumValue(n, key, type));
    }

    public List<String> stringList(String key) {
        return optional(key).map(n -> list(n, key, item -> string(item, key))).orElse(List.of());
    }

    /** A map of string to string, e.g. topic configs. Numbers and booleans are taken as their text. */
    public Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        optional(key).ifPresent(n -> {
            YNode.YMap m = asMap(n, key);
            m.entries().forEach((k, e) -> out.put(k, scalarText(e.value(), key + "." + k)));
        });
        return out;
    }

    /** Reports every key that no reader asked for. Call after all fields were read. */
    public void finish() {
        List<String> unknown = new ArrayList<>();
        for (YNode.YMap.Entry e : map.entries().values()) {
            if (!asked.contains(e.key())) {
                unknown.add(e.key());
            }
        }
        if (!unknown.isEmpty()) {
            YNode.YMap.Entry first = map.entries().get(unknown.get(0));
            throw SpecException.at(first.keyPos(), "unknown field '" + first.key() + "' in " + what,
                    Names.hint(first.key(), asked));
        }
    }

    // ---- conversions usable on any node -------------------------------------------------

    public static String string(YNode n, String key) {
        if (n instanceof YNode.YScalar s && !s.isNull()) {
            return s.text();
        }
        throw SpecException.at(n.pos(), "'" + key + "' must be a string, found " + n.describe());
    }

    /** Text of any non-null scalar, for settings where {@code 3} and {@code "3"} mean the same. */
    public static String scalarText(YNode n, String key) {
        if (n instanceof YNode.YScalar s && !s.isNull()) {
            return s.text();
        }
        throw SpecException.at(n.pos(), "'" + key + "' must be a single value, found " + n.describe());
    }

    public static int integer(YNode n, String key) {
        if (n instanceof YNode.YScalar s && s.type() == YNode.YScalar.Type.INT) {
            try {
                return Integer.decode(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                throw SpecException.at(n.pos(), "'" + key + "' is out of range: " + s.text());
            }
        }
        throw SpecException.at(n.pos(), "'" + key + "' must be an integer, found " + n.describe());
    }

    public static double number(YNode n, String key) {
        if (n instanceof YNode.YScalar s && (s.type() == YNode.YScalar.Type.INT || s.type() == YNode.YScalar.Type.FLOAT)) {
            try {
                double d = Double.parseDouble(s.text().replace("_", ""));
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // YAML's .inf and .nan, or an integer in hex or octal: none is a useful setting here
            }
            throw SpecException.at(n.pos(), "'" + key + "' must be a finite decimal number, found '" + s.text() + "'");
        }
        throw SpecException.at(n.pos(), "'" + key + "' must be a number, found " + n.describe());
    }

    /** {@code 500ms}, {@code 10s}, {@code 1m}, {@code 2h}, {@code 1d}, or an ISO-8601 {@code PT1M}. */
    public static Duration duration(YNode n, String key) {
        String text = scalarText(n, key).trim();
        Optional<Duration> d = parseDuration(text);
        return d.orElseThrow(() -> SpecException.at(n.pos(), "'" + key + "' is not a duration: '" + text + "'",
                "write a number and a unit: 500ms, 10s, 1m, 2h, 1d"));
    }

    public static Optional<Duration> parseDuration(String text) {
        try {
            if (text.startsWith("P") || text.startsWith("p")) {
                return Optional.of(Duration.parse(text));
            }
            String t = text.toLowerCase();
            int i = 0;
            while (i < t.length() && (Character.isDigit(t.charAt(i)))) {
                i++;
            }
            if (i == 0 || i == t.length()) {
                return Optional.empty();
            }
            long amount = Long.parseLong(t.substring(0, i));
            return switch (t.substring(i)) {
                case "ms" -> Optional.of(Duration.ofMillis(amount));
                case "s" -> Optional.of(Duration.ofSeconds(amount));
                case "m", "min" -> Optional.of(Duration.ofMinutes(amount));
                case "h" -> Optional.of(Duration.ofHours(amount));
                case "d" -> Optional.of(Duration.ofDays(amount));
                default -> Optional.empty();
            };
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public static <E extends Enum<E>> E enumValue(YNode n, String key, Class<E> type) {
        String text = string(n, key);
        List<String> valid = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase().replace('_', '-');
            valid.add(name);
            if (name.equals(text.toLowerCase().replace('_', '-'))) {
                return e;
            }
        }
        throw SpecException.at(n.pos(), "'" + key + "' has no value '" + text + "'", Names.hint(text, valid));
    }

    public static YNode.YMap asMap(YNode n, String key) {
        if (n instanceof YNode.YMap m) {
            return m;
        }
        throw SpecException.at(n.pos(), "'" + key + "' must be a mapping, found " + n.describe());
    }

    public static <T> List<T> list(YNode n, String key, Function<YNode, T> item) {
        if (n instanceof YNode.YSeq s) {
            List<T> out = new ArrayList<>();
            for (YNode i : s.items()) {
                out.add(item.apply(i));
            }
            return out;
        }
        throw SpecException.at(n.pos(), "'" + key + "' must be a list, found " + n.describe());
    }

    /** Accepts either a single item or a list of them, as in {@code topic: a} or {@code topics: [a, b]}. */
    public static <T> List<T> oneOrMany(YNode n, String key, Function<YNode, T> item) {
        return n instanceof YNode.YSeq ? list(n, key, item) : List.of(item.apply(n));
    }
}
