package dev.weir.registry.check;

import java.util.List;
import java.util.Optional;

/**
 * What comparing a local schema with an earlier one found: the schema, what it was compared with
 * ({@code HEAD}, {@code origin/main}, {@code the registry at http://...}), the outcome, the
 * problems that make it incompatible, and a note saying why nothing was compared or what failed.
 */
public record SchemaChange(LocalSchema schema, String against, Outcome outcome, List<String> problems,
                           Optional<String> note) {

    public enum Outcome {
        /** Compatible at the schema's level (or unchanged). */
        COMPATIBLE,
        /** Not compatible: see {@link #problems()}. */
        INCOMPATIBLE,
        /** There is no earlier schema: a new file or subject, a directory outside git, level NONE. */
        NOTHING_TO_COMPARE,
        /** The git revision compared with does not exist. */
        UNKNOWN_REVISION,
        /** The registry could not be reached. */
        UNREACHABLE,
        /** The comparison could not be made: an invalid schema, a git or registry error. */
        FAILED
    }

    public SchemaChange {
        problems = List.copyOf(problems);
    }

    static SchemaChange compatible(LocalSchema schema, String against, String note) {
        return new SchemaChange(schema, against, Outcome.COMPATIBLE, List.of(), Optional.ofNullable(note));
    }

    static SchemaChange incompatible(LocalSchema schema, String against, List<String> problems) {
        return new SchemaChange(schema, against, Outcome.INCOMPATIBLE, problems, Optional.empty());
    }

    static SchemaChange other(LocalSchema schema, String against, Outcome outcome, String note) {
        return new SchemaChange(schema, against, outcome, List.of(), Optional.of(note));
    }
}
