package dev.weir.spec.step;

import dev.weir.spec.Names;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.yaml.YNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The registry of step types: YAML name to parser and documentation. Adding a step type is one
 * line here; the reference docs and the JSON Schema list the steps in this order.
 */
public final class StepTypes {

    private static final Map<String, BiFunction<String, YNode, Step>> PARSERS = new LinkedHashMap<>();
    private static final Map<String, StepDoc> DOCS = new LinkedHashMap<>();

    static {
        register(FilterStep.DOC, FilterStep::parse);
        register(MapStep.DOC, MapStep::parse);
        register(MaskStep.DOC, MaskStep::parse);
        register(ValidateStep.DOC, ValidateStep::parse);
        register(RouteStep.DOC, RouteStep::parse);
        register(DedupeStep.DOC, DedupeStep::parse);
        register(EnrichStep.DOC, EnrichStep::parse);
        register(JoinStep.DOC, JoinStep::parse);
        register(AggregateStep.DOC, AggregateStep::parse);
    }

    private StepTypes() {
    }

    private static void register(StepDoc doc, BiFunction<String, YNode, Step> parser) {
        PARSERS.put(doc.type(), parser);
        DOCS.put(doc.type(), doc);
    }

    public static Set<String> names() {
        return Collections.unmodifiableSet(PARSERS.keySet());
    }

    /** The documentation of every step type, in registry order. */
    public static List<StepDoc> docs() {
        return List.copyOf(DOCS.values());
    }

    /** A pipeline's steps list item: a mapping with exactly one key, the step type. */
    public static ValueType.ObjectOf itemType() {
        List<FieldDoc> fields = DOCS.values().stream()
                .map(d -> FieldDoc.optional(d.type(), d.value(), d.title() + ". " + d.summary()))
                .toList();
        return new ValueType.ObjectOf(fields, List.copyOf(DOCS.keySet()), List.of(), Map.of());
    }

    /** Parses a pipeline's {@code steps} list. Each item is a mapping with one key, the step type. */
    public static List<Step> parseAll(YNode stepsNode) {
        if (!(stepsNode instanceof YNode.YSeq seq)) {
            throw SpecException.at(stepsNode.pos(), "'steps' must be a list, found " + stepsNode.describe(),
                    "write each step as '- filter: ...'");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (YNode item : seq.items()) {
            if (item instanceof YNode.YMap m && m.entries().size() == 1) {
                seen.merge(m.entries().keySet().iterator().next(), 1, Integer::sum);
            }
        }
        Map<String, Integer> counters = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (YNode item : seq.items()) {
            if (!(item instanceof YNode.YMap m) || m.entries().size() != 1) {
                throw SpecException.at(item.pos(), "a step must be a mapping with one key, the step type",
                        "e.g. '- filter: \"amount > 0\"'; step types: " + String.join(", ", names()));
            }
            YNode.YMap.Entry e = m.entries().values().iterator().next();
            BiFunction<String, YNode, Step> parser = PARSERS.get(e.key());
            if (parser == null) {
                throw SpecException.at(e.keyPos(), "unknown step type '" + e.key() + "'", Names.hint(e.key(), names()));
            }
            int n = counters.merge(e.key(), 1, Integer::sum);
            String defaultId = seen.get(e.key()) > 1 ? e.key() + "-" + n : e.key();
            steps.add(parser.apply(defaultId, e.value()));
        }
        return List.copyOf(steps);
    }
}
