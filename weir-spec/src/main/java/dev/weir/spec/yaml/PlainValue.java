package dev.weir.spec.yaml;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A YAML node as a plain, JSON-shaped Java value: {@code Map} (keys in written order), {@code List},
 * {@code String}, {@code Long} (or {@code BigInteger} beyond its range), {@code Double},
 * {@code Boolean} or {@code null}. Used where YAML stands for record data, e.g. in tests.
 */
public final class PlainValue {

    private PlainValue() {
    }

    public static Object of(YNode node) {
        if (node instanceof YNode.YMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> out.put(k, of(e.value())));
            return out;
        }
        if (node instanceof YNode.YSeq s) {
            List<Object> out = new ArrayList<>(s.items().size());
            s.items().forEach(i -> out.add(of(i)));
            return out;
        }
        YNode.YScalar s = (YNode.YScalar) node;
        return switch (s.type()) {
            case NULL -> null;
            case STRING -> s.text();
            case BOOL -> bool(s.text());
            case INT -> integer(s.text());
            case FLOAT -> decimal(s.text());
        };
    }

    /** YAML 1.1 booleans: true/false, yes/no, on/off, y/n, in any case. */
    public static boolean bool(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
    }

    private static Object integer(String text) {
        String t = text.replace("_", "");
        try {
            return Long.decode(t);
        } catch (NumberFormatException e) {
            try {
                return new BigInteger(t);
            } catch (NumberFormatException e2) {
                return text; // e.g. sexagesimal 1:30; rare enough to keep as written
            }
        }
    }

    private static Object decimal(String text) {
        String t = text.replace("_", "").toLowerCase(Locale.ROOT);
        return switch (t) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    yield text;
                }
            }
        };
    }
}
