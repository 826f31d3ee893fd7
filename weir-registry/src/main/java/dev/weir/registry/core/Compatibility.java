package dev.weir.registry.core;

import dev.weir.registry.format.SchemaFormat;
import dev.weir.registry.format.SchemaText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Whether a new schema may join a subject at a compatibility level, and if not, why. */
public final class Compatibility {

    /** An earlier version of the subject, with its schema. */
    public record Previous(int version, String type, SchemaText text) {
    }

    private Compatibility() {
    }

    /**
     * The problems that keep {@code candidate} from being compatible with {@code previous}
     * (oldest first) at {@code level}: with the latest only, or with all of them when transitive.
     * BACKWARD means the candidate reads data written with them; FORWARD, they read data written
     * with the candidate. Empty when compatible.
     */
    public static List<String> problems(CompatibilityLevel level, SchemaFormat format, SchemaText candidate,
                                        List<Previous> previous) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        List<Previous> against = new ArrayList<>(level.transitive() ? previous : previous.subList(previous.size() - 1, previous.size()));
        Collections.reverse(against);
        List<String> problems = new ArrayList<>();
        for (Previous old : against) {
            if (!old.type().equals(format.type())) {
                problems.add("the new schema is of type " + format.type() + " but version " + old.version()
                        + " is of type " + old.type());
                continue;
            }
            if (level.backward()) {
                for (String p : format.readerProblems(candidate, old.text())) {
                    problems.add("the new schema cannot read data written with version " + old.version() + ": " + p);
                }
            }
            if (level.forward()) {
                for (String p : format.readerProblems(old.text(), candidate)) {
                    problems.add("version " + old.version() + " cannot read data written with the new schema: " + p);
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.add("{compatibility: '" + level + "'}");
        }
        return problems;
    }
}
