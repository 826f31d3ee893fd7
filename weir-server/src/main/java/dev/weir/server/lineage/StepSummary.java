package dev.weir.server.lineage;

import dev.weir.spec.step.AggregateStep;
import dev.weir.spec.step.DedupeStep;
import dev.weir.spec.step.EnrichStep;
import dev.weir.spec.step.FilterStep;
import dev.weir.spec.step.JoinStep;
import dev.weir.spec.step.MapStep;
import dev.weir.spec.step.MaskStep;
import dev.weir.spec.step.RouteStep;
import dev.weir.spec.step.Step;
import dev.weir.spec.step.ValidateStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One line saying what a step does, in the words of its YAML, for the lineage graph:
 * {@code keep amount > 0}, {@code customers by customer_id as customer (left join)}.
 */
final class StepSummary {

    private StepSummary() {
    }

    static String of(Step step) {
        if (step instanceof FilterStep s) {
            return "keep " + s.expr().text();
        }
        if (step instanceof MapStep s) {
            List<String> parts = new ArrayList<>();
            if (!s.set().isEmpty()) {
                parts.add("set " + String.join(", ", s.set().keySet()));
            }
            s.rename().forEach((from, to) -> parts.add("rename " + from + " to " + to));
            if (!s.drop().isEmpty()) {
                parts.add("drop " + String.join(", ", s.drop()));
            }
            return String.join("; ", parts);
        }
        if (step instanceof MaskStep s) {
            String fields = String.join(", ", s.fields());
            return switch (s.method()) {
                case HASH -> "hash " + fields;
                case REDACT -> "redact " + fields;
                case KEEP_LAST -> "keep the last " + s.keep() + " characters of " + fields;
            };
        }
        if (step instanceof ValidateStep s) {
            List<String> parts = new ArrayList<>();
            if (!s.required().isEmpty()) {
                parts.add("required " + String.join(", ", s.required()));
            }
            if (!s.types().isEmpty()) {
                parts.add("types of " + String.join(", ", s.types().keySet()));
            }
            if (!s.rules().isEmpty()) {
                parts.add("rules " + String.join(", ", s.rules().stream().map(ValidateStep.Rule::name).toList()));
            }
            return String.join("; ", parts);
        }
        if (step instanceof RouteStep s) {
            List<String> parts = new ArrayList<>();
            for (RouteStep.Branch b : s.branches()) {
                parts.add(b.when().text() + " -> " + b.to() + (b.continueAfter() ? " (and on)" : ""));
            }
            s.defaultTopic().ifPresent(t -> parts.add("otherwise -> " + t));
            return String.join("; ", parts);
        }
        if (step instanceof DedupeStep s) {
            return "by " + s.key().text() + " within " + duration(s.within());
        }
        if (step instanceof EnrichStep s) {
            return s.table() + " by " + s.key().text() + " as " + s.as() + " (" + s.join().name().toLowerCase() + " join)";
        }
        if (step instanceof JoinStep s) {
            String keys = s.key().text().equals(s.otherKey().text()) ? s.key().text()
                    : s.key().text() + " = " + s.otherKey().text();
            return s.topic() + " by " + keys + " within " + duration(s.within()) + " as " + s.as()
                    + " (" + s.join().name().toLowerCase() + " join)";
        }
        if (step instanceof AggregateStep s) {
            StringBuilder out = new StringBuilder("by ").append(s.groupBy().text());
            s.window().ifPresent(w -> out.append(" per ").append(window(w)));
            out.append(", emit ").append(s.emit().name().toLowerCase()).append(": ")
                    .append(String.join(", ", s.compute().keySet()));
            s.to().ifPresent(t -> out.append(" -> ").append(t));
            return out.toString();
        }
        throw new IllegalArgumentException("no summary for step type " + step.type());
    }

    private static String window(AggregateStep.Window w) {
        String grace = w.graceSet() ? " (grace " + duration(w.grace()) + ")" : "";
        if (w instanceof AggregateStep.Tumbling t) {
            return "tumbling " + duration(t.size()) + " window" + grace;
        }
        if (w instanceof AggregateStep.Hopping h) {
            return "hopping " + duration(h.size()) + " window every " + duration(h.advance()) + grace;
        }
        AggregateStep.Session s = (AggregateStep.Session) w;
        return "session window closing after " + duration(s.gap()) + grace;
    }

    /** As a user writes durations: {@code 10m}, {@code 1h}, {@code 500ms}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
