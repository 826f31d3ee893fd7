package dev.weir.spec.generator;

import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IllegalFormatException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks and conversions of single values in generator definitions. */
final class FieldValues {

    private FieldValues() {
    }

    /** Tries the format on values of the kind's type, so a mismatch is reported now, not while producing. */
    static void checkFormat(String format, FieldGen gen, Optional<Integer> round, YNode node, String name) {
        List<Object> samples = new ArrayList<>();
        if (gen instanceof FieldGen.Sequence s) {
            samples.add(s.prefix().isPresent() ? (Object) "x" : (Object) 1L);
        } else if (gen instanceof FieldGen.Uniform u) {
            samples.add(u.integer() || round.equals(Optional.of(0)) ? (Object) 1L : (Object) 1.5);
        } else if (gen instanceof FieldGen.Normal || gen instanceof FieldGen.LogNormal) {
            samples.add(round.equals(Optional.of(0)) ? (Object) 1L : (Object) 1.5);
        } else if (gen instanceof FieldGen.Choice c) {
            c.values().stream().filter(v -> v != null).forEach(samples::add);
        } else if (gen instanceof FieldGen.Constant c) {
            samples.add(c.value());
        } else if (gen instanceof FieldGen.Timestamp t) {
            samples.add(t.style() == FieldGen.Timestamp.Style.EPOCH_MILLIS ? (Object) 1L : (Object) "x");
        } else if (gen instanceof FieldGen.Bool) {
            samples.add(true);
        } else if (gen instanceof FieldGen.ListOf) {
            samples.add(List.of());
        } else if (gen instanceof FieldGen.ObjectOf) {
            samples.add(Map.of());
        } else {
            samples.add("x");
        }
        for (Object sample : samples) {
            if (sample == null) {
                continue;
            }
            try {
                String.format(Locale.ROOT, format, sample);
            } catch (IllegalFormatException e) {
                throw SpecException.at(node.pos(), "format '" + format + "' does not fit the values of field '" + name
                        + "' (such as " + sample + "): " + e.getClass().getSimpleName(),
                        "use %s for any value, %d for integers, %.2f for decimals");
            }
        }
    }

    /** A number between 0 and 1. */
    static double share(YNode n, String key) {
        double v = Fields.number(n, key);
        if (v < 0 || v > 1) {
            throw SpecException.at(n.pos(), "'" + key + "' must be between 0 and 1, found " + v,
                    "it is a share: 0.1 means 10%");
        }
        return v;
    }

    static long longValue(YNode n, String key) {
        if (n instanceof YNode.YScalar s && s.type() == YNode.YScalar.Type.INT) {
            try {
                return Long.decode(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                throw SpecException.at(n.pos(), "'" + key + "' is out of range: " + s.text());
            }
        }
        throw SpecException.at(n.pos(), "'" + key + "' must be an integer, found " + n.describe());
    }

    static int nonNegative(YNode n, String key) {
        int v = Fields.integer(n, key);
        if (v < 0) {
            throw SpecException.at(n.pos(), "'" + key + "' must not be negative");
        }
        return v;
    }

    /** A YAML value as plain Java: String, Long, Double, Boolean, null, List or Map (unmodifiable). */
    static Object plain(YNode node) {
        if (node instanceof YNode.YMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> out.put(k, plain(e.value())));
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof YNode.YSeq s) {
            List<Object> out = new ArrayList<>();
            s.items().forEach(i -> out.add(plain(i)));
            return Collections.unmodifiableList(out);
        }
        YNode.YScalar s = (YNode.YScalar) node;
        return switch (s.type()) {
            case STRING -> s.text();
            case INT -> longValue(s, "value");
            case FLOAT -> Fields.number(s, "value");
            case BOOL -> Set.of("true", "yes", "on", "y").contains(s.text().toLowerCase());
            case NULL -> null;
        };
    }
}
