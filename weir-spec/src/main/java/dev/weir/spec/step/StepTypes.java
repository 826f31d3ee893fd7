package dev.weir.spec.step;

import dev.weir.spec.Names;
import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.YNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** The registry of step types: YAML name to parser. Adding a step type is one line here. */
public final class StepTypes {

    private static final Map<String, BiFunction<String, YNode, Step>> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put(FilterStep.TYPE, FilterStep::parse);
        PARSERS.put(MapStep.TYPE, MapStep::parse);
        PARSERS.put(MaskStep.TYPE, MaskStep::parse);
        PARSERS.put(ValidateStep.TYPE, ValidateStep::parse);
        PARSERS.put(RouteStep.TYPE, RouteStep::parse);
        PARSERS.put(DedupeStep.TYPE, DedupeStep::parse);
        PARSERS.put(EnrichStep.TYPE, EnrichStep::parse);
        PARSERS.put(JoinStep.TYPE, JoinStep::parse);
        PARSERS.put(AggregateStep.TYPE, AggregateStep::parse);
    }

    private StepTypes() {
    }

    public static Set<String> names() {
        return PARSERS.keySet();
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
