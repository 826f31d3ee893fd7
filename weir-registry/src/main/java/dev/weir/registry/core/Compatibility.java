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

    /** An earlier schema to compare with, named as problems name it: {@code version 3}, {@code HEAD}. */
    public record Against(String name, String type, SchemaText text) {
    }

    /** Which way a problem breaks. */
    public enum Direction {
        /** The new schema cannot read data written with the earlier one (BACKWARD). */
        NEW_READS_OLD,
        /** The earlier schema cannot read data written with the new one (FORWARD). */
        OLD_READS_NEW,
        /** The two are of different schema types. */
        TYPE
    }

    /** One reason a new schema is not compatible with an earlier one. */
    public record Problem(String against, Direction direction, String message) {

        /** e.g. {@code the new schema cannot read data written with version 1: field 'b' ...}. */
        public String describe() {
            return switch (direction) {
                case NEW_READS_OLD -> "the new schema cannot read data written with " + against + ": " + message;
                case OLD_READS_NEW -> against + " cannot read data written with the new schema: " + message;
                case TYPE -> message;
            };
        }
    }

    private Compatibility() {
    }

    /**
     * The problems that keep {@code candidate} from being compatible with {@code previous}
     * (oldest first) at {@code level}: with the latest only, or with all of them when transitive.
     * BACKWARD means the candidate reads data written with them; FORWARD, they read data written
     * with the candidate. Empty when compatible; else the last message names the level.
     */
    public static List<String> problems(CompatibilityLevel level, SchemaFormat format, SchemaText candidate,
                                        List<Previous> previous) {
        List<Against> against = previous.stream()
                .map(p -> new Against("version " + p.version(), p.type(), p.text())).toList();
        List<String> problems = new ArrayList<>(check(level, format, candidate, against).stream()
                .map(Problem::describe).toList());
        if (!problems.isEmpty()) {
            problems.add("{compatibility: '" + level + "'}");
        }
        return problems;
    }

    /**
     * The same check against earlier schemas named as the caller likes, e.g. versions of a file
     * in git: each problem says which schema and which direction. Empty when compatible.
     */
    public static List<Problem> check(CompatibilityLevel level, SchemaFormat format, SchemaText candidate,
                                      List<Against> previous) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        List<Against> against = new ArrayList<>(level.transitive() ? previous : previous.subList(previous.size() - 1, previous.size()));
        Collections.reverse(against);
        List<Problem> problems = new ArrayList<>();
        for (Against old : against) {
            if (!old.type().equals(format.type())) {
                problems.add(new Problem(old.name(), Direction.TYPE, "the new schema is of type " + format.type() + " but "
                        + old.name() + " is of type " + old.type()));
                continue;
            }
            if (level.backward()) {
                for (String p : format.readerProblems(candidate, old.text())) {
                    problems.add(new Problem(old.name(), Direction.NEW_READS_OLD, p));
                }
            }
            if (level.forward()) {
                for (String p : format.readerProblems(old.text(), candidate)) {
                    problems.add(new Problem(old.name(), Direction.OLD_READS_NEW, p));
                }
            }
        }
        return problems;
    }
}
