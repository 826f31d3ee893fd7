package dev.weir.spec.doc;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.Interpolator;
import dev.weir.spec.yaml.YNode;
import dev.weir.spec.yaml.YamlFiles;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Walks a declaration next to a real parser: builds YAML values from the declared types, hands
 * them to the parser, and reports where the two disagree. Values are plain Java trees (maps,
 * lists, scalars) written out as YAML and read back through the loader's own reader.
 */
final class DeclarationProbe {

    /** A key no declaration has and no hint can mistake for a real one. */
    static final String UNDECLARED = "zzzzzzzzzzzzzzzzzzzzzz";

    private static final Interpolator NO_ENV = new Interpolator(Map.of(), Path.of("."));

    /** Gives a value at one position of the whole document to the parser; returns the errors, none if accepted. */
    interface Probe {
        List<String> errors(Object valueHere);

        /** A probe for a position inside: {@code wrap} puts the value where it belongs in the outer document. */
        default Probe andThen(Function<Object, Object> wrap) {
            return v -> errors(wrap.apply(v));
        }
    }

    private final Set<String> enumUniverse;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> refsSeen = new LinkedHashSet<>();
    private final Set<String> skippedRefs;

    DeclarationProbe(Set<String> enumUniverse, Set<String> skippedRefs) {
        this.enumUniverse = enumUniverse;
        this.skippedRefs = skippedRefs;
    }

    List<String> problems() {
        return problems;
    }

    /** A probe that writes the whole document as YAML and parses it with {@code parser}. */
    static Probe parsing(Function<YNode, ?> parser) {
        return value -> {
            String text = new Yaml().dump(value);
            try {
                parser.apply(YamlFiles.parse(text, "probe.yaml", NO_ENV).get(0));
                return List.of();
            } catch (SpecException e) {
                return e.diagnostics().stream().map(DeclarationProbe::text).toList();
            }
        };
    }

    static Object yaml(String text) {
        return new Yaml().load(text);
    }

    static YNode yamlNode(String text) {
        return YamlFiles.parse(text, "probe.yaml", NO_ENV).get(0);
    }

    private static String text(Diagnostic d) {
        return d.message() + d.hint().map(h -> " | hint: " + h).orElse("");
    }

    /** Checks {@code type} at a position whose current (valid) value is {@code base}. */
    void check(ValueType type, Object base, Probe probe, String path) {
        if (type instanceof ValueType.Ref ref) {
            if (skippedRefs.contains(ref.name()) || !refsSeen.add(ref.name())) {
                return;
            }
            check(ref.resolve(), base, probe, path);
        } else if (type instanceof ValueType.ObjectOf o) {
            checkObject(o, o.fieldNames(), matches(o, base) ? asMap(base) : asMap(sample(o)), probe, path);
        } else if (type instanceof ValueType.OneOf one) {
            List<String> union = objectFieldUnion(one.forms());
            for (ValueType form : one.forms()) {
                Object formBase = matches(form, base) ? base : sample(form);
                if (form instanceof ValueType.ObjectOf o) {
                    checkObject(o, union, asMap(formBase), probe, path + "<object form>");
                } else {
                    check(form, formBase, probe, path + "<" + form.describe() + " form>");
                }
            }
        } else if (type instanceof ValueType.ListOf list) {
            checkList(list, base instanceof List<?> l && !l.isEmpty() ? new ArrayList<>(l) : List.of(sample(list.item())),
                    probe, path);
        } else if (type instanceof ValueType.MapOf map) {
            Map<String, Object> m = base instanceof Map<?, ?> b && !b.isEmpty() ? asMap(b) : asMap(sample(map));
            String key = m.keySet().iterator().next();
            check(map.value(), m.get(key), v -> probe.errors(with(m, key, v)), path + "." + key);
        } else if (type instanceof ValueType.EnumValue e) {
            checkEnum(e, probe, path);
        }
    }

    /** Checks each form of a list's items on the item that has that form, or on a sample put first. */
    private void checkList(ValueType.ListOf list, List<Object> base, Probe probe, String path) {
        List<ValueType> forms = list.item() instanceof ValueType.OneOf one ? one.forms() : List.of(list.item());
        List<String> union = objectFieldUnion(forms);
        for (ValueType form : forms) {
            int index = 0;
            for (int i = 0; i < base.size(); i++) {
                if (matches(form, base.get(i))) {
                    index = i;
                    break;
                }
            }
            int at = index;
            Object item = matches(form, base.get(at)) ? base.get(at) : sample(form);
            Probe itemProbe = v -> {
                List<Object> copy = new ArrayList<>(base);
                copy.set(at, v);
                return probe.errors(copy);
            };
            if (form instanceof ValueType.ObjectOf o && forms.size() > 1) {
                checkObject(o, union, asMap(item), itemProbe, path + "[" + at + "]");
            } else {
                check(form, item, itemProbe, path + "[" + at + "]");
            }
        }
    }

    private static List<String> objectFieldUnion(List<ValueType> forms) {
        List<String> union = new ArrayList<>();
        forms.stream().filter(ValueType.ObjectOf.class::isInstance)
                .forEach(f -> union.addAll(((ValueType.ObjectOf) f).fieldNames()));
        return union;
    }

    private void checkObject(ValueType.ObjectOf o, List<String> allowed, Map<String, Object> base, Probe probe,
                             String path) {
        // The parser reports an unknown key with the keys it asked for; compare those with the declaration.
        Set<String> asked = new LinkedHashSet<>();
        List<String> variants = o.exactlyOne().isEmpty() ? List.of("") : o.exactlyOne();
        for (String member : variants) {
            Map<String, Object> b = member.isEmpty() ? base : onlyMember(o, base, member);
            List<String> errors = probe.errors(with(b, UNDECLARED, "x"));
            String unknown = errors.stream().filter(e -> e.contains("'" + UNDECLARED + "'")).findFirst()
                    .orElse(o.fields().isEmpty() && !errors.isEmpty() ? errors.get(0) : null);
            if (unknown == null) {
                problems.add(path + ": undeclared key was not rejected as unknown: " + errors);
                continue;
            }
            int at = unknown.indexOf("expected one of: ");
            if (at >= 0) {
                asked.addAll(List.of(unknown.substring(at + "expected one of: ".length()).split(", ")));
            }
        }
        for (String a : asked) {
            if (!allowed.contains(a)) {
                problems.add(path + ": the parser reads '" + a + "', which is not declared");
            }
        }
        for (String declared : o.fieldNames()) {
            if (!asked.contains(declared)) {
                problems.add(path + ": '" + declared + "' is declared, but the parser does not read it");
            }
        }
        for (FieldDoc f : o.fields()) {
            Map<String, Object> b = o.exactlyOne().contains(f.name()) ? onlyMember(o, base, f.name()) : base;
            String needed = o.requires().get(f.name());
            if (needed != null) {
                b = o.exactlyOne().contains(needed) ? onlyMember(o, base, needed) : with(b, needed, sample(field(o, needed).type()));
            }
            Map<String, Object> fieldBase = b;
            Object value = b.containsKey(f.name()) ? b.get(f.name()) : sample(f.type());
            List<String> errors = probe.errors(with(b, f.name(), value));
            errors.stream().filter(e -> e.startsWith("unknown ")).forEach(e ->
                    problems.add(path + "." + f.name() + ": declared field rejected: " + e));
            check(f.type(), value, v -> probe.errors(with(fieldBase, f.name(), v)), path + "." + f.name());
        }
    }

    private void checkEnum(ValueType.EnumValue e, Probe probe, String path) {
        for (String word : enumUniverse) {
            boolean accepted = probe.errors(word).isEmpty();
            if (accepted != e.values().contains(word)) {
                problems.add(path + ": value '" + word + "' is " + (accepted ? "accepted" : "rejected")
                        + " by the parser but " + (accepted ? "not declared" : "declared"));
            }
        }
    }

    private Map<String, Object> onlyMember(ValueType.ObjectOf o, Map<String, Object> base, String member) {
        Map<String, Object> b = new LinkedHashMap<>(base);
        b.keySet().removeIf(k -> o.exactlyOne().contains(k) && !k.equals(member));
        if (!b.containsKey(member)) {
            b.put(member, sample(field(o, member).type()));
        }
        return b;
    }

    /** A valid-looking value of the type: required fields, and one of each exactly-one and at-least-one group. */
    static Object sample(ValueType type) {
        if (type instanceof ValueType.Ref ref) {
            return sample(ref.resolve());
        }
        if (type instanceof ValueType.ObjectOf o) {
            Map<String, Object> m = new LinkedHashMap<>();
            o.fields().stream().filter(FieldDoc::required).forEach(f -> m.put(f.name(), sample(f.type())));
            for (List<String> group : List.of(o.exactlyOne(), o.atLeastOne())) {
                if (!group.isEmpty() && group.stream().noneMatch(m::containsKey)) {
                    m.put(group.get(0), sample(field(o, group.get(0)).type()));
                }
            }
            return m;
        }
        if (type instanceof ValueType.OneOf one) {
            return sample(one.forms().get(0));
        }
        if (type instanceof ValueType.ListOf l) {
            return new ArrayList<>(List.of(sample(l.item())));
        }
        if (type instanceof ValueType.MapOf m) {
            return new LinkedHashMap<>(Map.of("x", sample(m.value())));
        }
        if (type instanceof ValueType.EnumValue e) {
            return e.values().get(0);
        }
        if (type instanceof ValueType.Expression) {
            return "true";
        }
        if (type instanceof ValueType.DurationValue) {
            return "1m";
        }
        if (type instanceof ValueType.IntegerValue) {
            return 1;
        }
        if (type instanceof ValueType.NumberValue) {
            return 0.5;
        }
        if (type instanceof ValueType.BooleanValue) {
            return true;
        }
        return "x";
    }

    static boolean matches(ValueType type, Object value) {
        if (type instanceof ValueType.Ref ref) {
            return matches(ref.resolve(), value);
        }
        if (type instanceof ValueType.ObjectOf o) {
            return value instanceof Map<?, ?> m && o.fieldNames().containsAll(asMap(m).keySet())
                    && o.fields().stream().filter(FieldDoc::required).allMatch(f -> m.containsKey(f.name()));
        }
        if (type instanceof ValueType.MapOf) {
            return value instanceof Map;
        }
        if (type instanceof ValueType.ListOf) {
            return value instanceof List;
        }
        if (type instanceof ValueType.OneOf one) {
            return one.forms().stream().anyMatch(f -> matches(f, value));
        }
        return !(value instanceof Map) && !(value instanceof List);
    }

    /** Every enum word of every declaration reachable from {@code type}. */
    static void collectEnumWords(ValueType type, Set<String> into, Set<String> seenRefs) {
        Consumer<ValueType> walk = t -> collectEnumWords(t, into, seenRefs);
        if (type instanceof ValueType.Ref ref) {
            if (seenRefs.add(ref.name())) {
                walk.accept(ref.resolve());
            }
        } else if (type instanceof ValueType.ObjectOf o) {
            o.fields().forEach(f -> walk.accept(f.type()));
        } else if (type instanceof ValueType.OneOf one) {
            one.forms().forEach(walk);
        } else if (type instanceof ValueType.ListOf l) {
            walk.accept(l.item());
        } else if (type instanceof ValueType.MapOf m) {
            walk.accept(m.value());
        } else if (type instanceof ValueType.EnumValue e) {
            into.addAll(e.values());
        }
    }

    private static FieldDoc field(ValueType.ObjectOf o, String name) {
        return o.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return new LinkedHashMap<>((Map<String, Object>) o);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
