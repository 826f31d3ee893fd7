package dev.weir.spec.generator;

import dev.weir.spec.Names;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the {@code fields} of a generator, and the fields nested in {@code list} and {@code object}. */
final class FieldParser {

    /** Parses one kind's options; {@code field} gives access to sibling keys such as {@code jitter}. */
    private interface KindParser {
        FieldGen parse(YNode options, String name, Fields field);
    }

    private static final Map<String, KindParser> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("uuid", (o, n, f) -> noOptions(o, "uuid", new FieldGen.Uuid()));
        KINDS.put("sequence", FieldParser::sequence);
        KINDS.put("uniform", FieldParser::uniform);
        KINDS.put("normal", FieldParser::normal);
        KINDS.put("lognormal", FieldParser::logNormal);
        KINDS.put("choice", FieldParser::choice);
        KINDS.put("weighted", FieldParser::weighted);
        KINDS.put("fake", FieldParser::fake);
        KINDS.put("timestamp", FieldParser::timestamp);
        KINDS.put("boolean", (o, n, f) -> new FieldGen.Bool(FieldValues.share(o, "boolean")));
        KINDS.put("constant", (o, n, f) -> new FieldGen.Constant(FieldValues.plain(o)));
        KINDS.put("list", FieldParser::list);
        KINDS.put("object", (o, n, f) -> new FieldGen.ObjectOf(fields(o, n)));
    }

    private static final Set<String> MODIFIERS = Set.of("format", "nullRate", "round", "min", "max", "jitter");

    /** A generator field, referred to by name so that list items and object fields can be fields again. */
    static final ValueType FIELD = ValueType.ref("generator-field", "generator field", () -> FieldParser.DOC);

    private static final List<FieldDoc> KIND_DOCS = List.of(
            FieldDoc.optional("uuid", ValueType.object(), "A random UUID (version 4), as text: uuid: {}."),
            FieldDoc.optional("sequence", ValueType.object(
                    FieldDoc.optional("start", ValueType.integer(), "1", "The first value."),
                    FieldDoc.optional("step", ValueType.integer(), "1", "Added each time; may be negative, not 0."),
                    FieldDoc.optional("end", ValueType.integer(), "After this value the sequence starts over."),
                    FieldDoc.optional("prefix", ValueType.string(), "Makes the values text: c-1, c-2, ...")),
                    "start, start+step, ...: integers, or text with a prefix."),
            FieldDoc.optional("uniform", ValueType.object(
                    FieldDoc.required("min", ValueType.number(), "The smallest value."),
                    FieldDoc.required("max", ValueType.number(), "The largest value; decimals never reach it."),
                    FieldDoc.optional("integer", ValueType.bool(), "false", "Make integers, both ends included.")),
                    "Evenly spread between min and max."),
            FieldDoc.optional("normal", ValueType.object(
                    FieldDoc.required("mean", ValueType.number(), "The centre."),
                    FieldDoc.required("stddev", ValueType.number(), "The spread; not negative.")),
                    "The bell curve; combine with min and max to keep it in bounds."),
            FieldDoc.optional("lognormal", ValueType.object(
                    FieldDoc.required("median", ValueType.number(), "Half the values lie below it; greater than 0."),
                    FieldDoc.optional("sigma", ValueType.number(), "1", "The larger, the longer the tail; not negative.")),
                    "Positive and skewed, like prices, amounts and durations."),
            FieldDoc.optional("choice", ValueType.listOf(ValueType.any()),
                    "One of the values, each equally likely; values keep their YAML type."),
            FieldDoc.optional("weighted", ValueType.mapOf(ValueType.number()),
                    "One of the names, in proportion to its weight: { DE: 5, FR: 3, US: 1 }."),
            FieldDoc.optional("fake", ValueType.enumOf(FakeKind.yamlNames()),
                    "Realistic-looking personal or business data."),
            FieldDoc.optional("timestamp", ValueType.enumOf(Stream.of(FieldGen.Timestamp.Style.values())
                            .map(FieldGen.Timestamp.Style::yamlName).toList()),
                    "The time the record is made: now as ISO-8601 UTC text, epoch_millis as a number."),
            FieldDoc.optional("boolean", ValueType.number(), "true with this probability, from 0 to 1."),
            FieldDoc.optional("constant", ValueType.any(), "Always this value; may be a mapping or a list."),
            FieldDoc.optional("list", ValueType.object(
                    FieldDoc.required("of", FIELD, "How each item is made."),
                    FieldDoc.optional("min", ValueType.integer(), "0", "The fewest items."),
                    FieldDoc.optional("max", ValueType.integer(), "3 (or min, if larger)", "The most items.")),
                    "A JSON array of min to max items."),
            FieldDoc.optional("object", ValueType.mapOf(FIELD), "A nested JSON object of fields."));

    private static final List<FieldDoc> MODIFIER_DOCS = List.of(
            FieldDoc.optional("min", ValueType.number(), "Numbers: clamp values up to at least this."),
            FieldDoc.optional("max", ValueType.number(), "Numbers: clamp values down to at most this."),
            FieldDoc.optional("round", ValueType.integer(), "Numbers: keep this many decimals; 0 gives integers."),
            FieldDoc.optional("format", ValueType.string(),
                    "Turn the value into text with a Java format string, e.g. c-%d or %.2f EUR."),
            FieldDoc.optional("nullRate", ValueType.number(), "0", "Share of values that are null instead, from 0 to 1."),
            FieldDoc.optional("jitter", ValueType.duration(), "0s",
                    "With timestamp: each value is earlier by a random amount up to this."));

    /** A field's definition: exactly one kind, and modifiers. */
    static final ValueType.ObjectOf DOC = new ValueType.ObjectOf(
            Stream.concat(KIND_DOCS.stream(), MODIFIER_DOCS.stream()).toList(),
            KIND_DOCS.stream().map(FieldDoc::name).toList(), List.of(), Map.of("jitter", "timestamp"));

    private FieldParser() {
    }

    static Set<String> kinds() {
        return Collections.unmodifiableSet(KINDS.keySet());
    }

    /** A mapping of field name to field definition, in the order written. {@code prefix} names the parent. */
    static Map<String, FieldSpec> fields(YNode node, String prefix) {
        YNode.YMap map = Fields.asMap(node, prefix.isEmpty() ? "fields" : prefix);
        if (map.entries().isEmpty()) {
            throw SpecException.at(map.pos(), (prefix.isEmpty() ? "'fields'" : "object '" + prefix + "'") + " has no fields",
                    "e.g. id: { uuid: {} }");
        }
        Map<String, FieldSpec> out = new LinkedHashMap<>();
        map.entries().forEach((name, e) -> {
            String full = prefix.isEmpty() ? name : prefix + "." + name;
            out.put(name, field(e.value(), full));
        });
        return out;
    }

    static FieldSpec field(YNode node, String name) {
        if (!(node instanceof YNode.YMap map)) {
            throw SpecException.at(node.pos(), "field '" + name + "' must be a mapping naming a generator kind, found "
                    + node.describe(), "e.g. { constant: hello } or { uniform: { min: 1, max: 10 } }");
        }
        List<YNode.YMap.Entry> kindEntries = new ArrayList<>();
        YNode.YMap.Entry firstUnknown = null;
        for (YNode.YMap.Entry e : map.entries().values()) {
            if (KINDS.containsKey(e.key())) {
                kindEntries.add(e);
            } else if (!MODIFIERS.contains(e.key()) && firstUnknown == null) {
                firstUnknown = e;
            }
        }
        if (kindEntries.isEmpty()) {
            if (firstUnknown != null) {
                throw SpecException.at(firstUnknown.keyPos(), "unknown generator kind '" + firstUnknown.key()
                        + "' in field '" + name + "'", kindHint(firstUnknown.key()));
            }
            throw SpecException.at(map.pos(), "field '" + name + "' names no generator kind",
                    "add one of: " + String.join(", ", KINDS.keySet()));
        }
        if (kindEntries.size() > 1) {
            throw SpecException.at(kindEntries.get(1).keyPos(), "field '" + name + "' has two generator kinds: '"
                    + kindEntries.get(0).key() + "' and '" + kindEntries.get(1).key() + "'", "keep one of them");
        }
        YNode.YMap.Entry kindEntry = kindEntries.get(0);
        Fields f = Fields.of(map, "field '" + name + "'");
        f.optional(kindEntry.key());
        FieldGen gen = KINDS.get(kindEntry.key()).parse(kindEntry.value(), name, f);

        Optional<YNode> minNode = f.optional("min");
        Optional<YNode> maxNode = f.optional("max");
        Optional<YNode> roundNode = f.optional("round");
        for (Optional<YNode> n : List.of(minNode, maxNode, roundNode)) {
            if (n.isPresent() && !gen.numeric()) {
                YNode.YMap.Entry entry = entryAt(map, n.get());
                throw SpecException.at(entry.keyPos(), "'" + entry.key() + "' applies only to numbers, and field '"
                        + name + "' is " + gen.kind(), "numeric kinds: uniform, normal, lognormal, sequence without prefix");
            }
        }
        Optional<Double> min = minNode.map(n -> Fields.number(n, "min"));
        Optional<Double> max = maxNode.map(n -> Fields.number(n, "max"));
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            throw SpecException.at(minNode.get().pos(), "'min' is greater than 'max' in field '" + name + "'");
        }
        Optional<Integer> round = roundNode.map(n -> FieldValues.nonNegative(n, "round"));
        double nullRate = f.optional("nullRate").map(n -> FieldValues.share(n, "nullRate")).orElse(0.0);
        Optional<String> format = f.optionalString("format");
        f.finish();
        format.ifPresent(fmt -> FieldValues.checkFormat(fmt, gen, round, f.required("format"), name));
        return new FieldSpec(name, gen, min, max, round, format, nullRate, map.pos());
    }

    private static String kindHint(String wrong) {
        String valid = "generator kinds: " + String.join(", ", KINDS.keySet());
        return Names.closest(wrong, KINDS.keySet()).map(c -> "did you mean '" + c + "'? " + valid).orElse(valid);
    }

    private static YNode.YMap.Entry entryAt(YNode.YMap map, YNode value) {
        return map.entries().values().stream().filter(e -> e.value() == value).findFirst().orElseThrow();
    }

    // ---- one parser per kind --------------------------------------------------------------

    private static FieldGen sequence(YNode node, String name, Fields field) {
        Fields f = Fields.of(node, "'sequence' of field '" + name + "'");
        long start = f.optional("start").map(n -> FieldValues.longValue(n, "start")).orElse(1L);
        Optional<YNode> stepNode = f.optional("step");
        long step = stepNode.map(n -> FieldValues.longValue(n, "step")).orElse(1L);
        Optional<YNode> endNode = f.optional("end");
        Optional<Long> end = endNode.map(n -> FieldValues.longValue(n, "end"));
        Optional<String> prefix = f.optionalString("prefix");
        f.finish();
        if (step == 0) {
            throw SpecException.at(stepNode.get().pos(), "'step' must not be 0");
        }
        if (end.isPresent() && (step > 0 ? end.get() < start : end.get() > start)) {
            throw SpecException.at(endNode.get().pos(), "the sequence never reaches 'end' " + end.get()
                    + " counting from " + start + " by " + step);
        }
        return new FieldGen.Sequence(start, step, end, prefix);
    }

    private static FieldGen uniform(YNode node, String name, Fields field) {
        Fields f = Fields.of(node, "'uniform' of field '" + name + "'");
        f.optional("min");
        f.optional("max");
        boolean integer = f.optionalBool("integer").orElse(false);
        f.finish();
        YNode minNode = f.required("min");
        YNode maxNode = f.required("max");
        double min = Fields.number(minNode, "min");
        double max = Fields.number(maxNode, "max");
        if (min > max) {
            throw SpecException.at(minNode.pos(), "'min' is greater than 'max'");
        }
        if (integer) {
            for (YNode n : List.of(minNode, maxNode)) {
                double v = Fields.number(n, "min");
                if (v != Math.rint(v)) {
                    throw SpecException.at(n.pos(), "with integer: true, 'min' and 'max' must be integers");
                }
            }
        }
        return new FieldGen.Uniform(min, max, integer);
    }

    private static FieldGen normal(YNode node, String name, Fields field) {
        Fields f = Fields.of(node, "'normal' of field '" + name + "'");
        f.optional("mean");
        f.optional("stddev");
        f.finish();
        double mean = Fields.number(f.required("mean"), "mean");
        YNode sd = f.required("stddev");
        double stddev = Fields.number(sd, "stddev");
        if (stddev < 0) {
            throw SpecException.at(sd.pos(), "'stddev' must not be negative");
        }
        return new FieldGen.Normal(mean, stddev);
    }

    private static FieldGen logNormal(YNode node, String name, Fields field) {
        Fields f = Fields.of(node, "'lognormal' of field '" + name + "'");
        YNode sigmaNode = f.optional("sigma").orElse(null);
        double sigma = sigmaNode == null ? 1.0 : Fields.number(sigmaNode, "sigma");
        f.optional("median");
        f.finish();
        YNode medianNode = f.required("median");
        double median = Fields.number(medianNode, "median");
        if (median <= 0) {
            throw SpecException.at(medianNode.pos(), "'median' must be greater than 0");
        }
        if (sigma < 0) {
            throw SpecException.at(sigmaNode.pos(), "'sigma' must not be negative");
        }
        return new FieldGen.LogNormal(median, sigma);
    }

    private static FieldGen choice(YNode node, String name, Fields field) {
        List<Object> values = Fields.list(node, "choice", FieldValues::plain);
        if (values.isEmpty()) {
            throw SpecException.at(node.pos(), "'choice' of field '" + name + "' has no values", "e.g. choice: [a, b, c]");
        }
        return new FieldGen.Choice(values);
    }

    private static FieldGen weighted(YNode node, String name, Fields field) {
        YNode.YMap map = Fields.asMap(node, "weighted");
        Map<String, Double> weights = new LinkedHashMap<>();
        double total = 0;
        for (YNode.YMap.Entry e : map.entries().values()) {
            double w = Fields.number(e.value(), "weighted." + e.key());
            if (w < 0) {
                throw SpecException.at(e.value().pos(), "weights must not be negative");
            }
            weights.put(e.key(), w);
            total += w;
        }
        if (total <= 0) {
            throw SpecException.at(map.pos(), "'weighted' of field '" + name + "' needs a positive weight",
                    "e.g. weighted: { DE: 5, FR: 3, US: 1 }");
        }
        return new FieldGen.Weighted(weights);
    }

    private static FieldGen fake(YNode node, String name, Fields field) {
        String text = Fields.string(node, "fake");
        return new FieldGen.Fake(FakeKind.of(text).orElseThrow(() -> SpecException.at(node.pos(),
                "unknown fake kind '" + text + "'", Names.hint(text, FakeKind.yamlNames()))));
    }

    private static FieldGen timestamp(YNode node, String name, Fields field) {
        String text = Fields.string(node, "timestamp");
        List<String> styles = new ArrayList<>();
        FieldGen.Timestamp.Style style = null;
        for (FieldGen.Timestamp.Style s : FieldGen.Timestamp.Style.values()) {
            styles.add(s.yamlName());
            if (s.yamlName().equalsIgnoreCase(text)) {
                style = s;
            }
        }
        if (style == null) {
            throw SpecException.at(node.pos(), "unknown timestamp style '" + text + "'", Names.hint(text, styles));
        }
        Duration jitter = field.optionalDuration("jitter").orElse(Duration.ZERO);
        return new FieldGen.Timestamp(style, jitter);
    }

    private static FieldGen list(YNode node, String name, Fields field) {
        Fields f = Fields.of(node, "'list' of field '" + name + "'");
        Optional<YNode> minNode = f.optional("min");
        int min = minNode.map(n -> FieldValues.nonNegative(n, "min")).orElse(0);
        Optional<YNode> maxNode = f.optional("max");
        int max = maxNode.map(n -> FieldValues.nonNegative(n, "max")).orElse(Math.max(min, 3));
        f.optional("of");
        f.finish();
        FieldSpec of = field(f.required("of"), name + "[]");
        if (min > max) {
            throw SpecException.at(maxNode.orElse(node).pos(), "'max' is smaller than 'min' (" + min + ")");
        }
        return new FieldGen.ListOf(of, min, max);
    }

    private static FieldGen noOptions(YNode node, String kind, FieldGen gen) {
        boolean empty = node instanceof YNode.YMap m ? m.entries().isEmpty()
                : node instanceof YNode.YScalar s && s.isNull();
        if (!empty) {
            throw SpecException.at(node.pos(), "'" + kind + "' takes no options, found " + node.describe(),
                    "write " + kind + ": {}");
        }
        return gen;
    }
}
