package dev.weir.registry.check;

import dev.weir.registry.core.Compatibility;
import dev.weir.registry.core.CompatibilityLevel;
import dev.weir.registry.format.InvalidSchemaException;
import dev.weir.registry.format.SchemaFormat;
import dev.weir.registry.format.SchemaFormats;
import dev.weir.registry.format.SchemaText;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares schema files with their versions committed in git, offline, with the registry's schema
 * types and compatibility levels: the version at a revision ({@code HEAD}, or the branch a pull
 * request goes into), or under a transitive level every version committed up to it. A directory
 * outside git or a file new since the revision has nothing to compare with.
 */
public final class LocalSchemaCheck {

    private final Path dir;
    private final SchemaFormats formats;

    /** Checks schemas of the project in {@code dir} with {@code formats} (usually {@link SchemaFormats#builtIn()}). */
    public LocalSchemaCheck(Path dir, SchemaFormats formats) {
        this.dir = dir;
        this.formats = formats;
    }

    /** Compares each of {@code schemas} with its version(s) at {@code revision}. */
    public List<SchemaChange> check(String revision, List<LocalSchema> schemas) {
        Optional<GitFiles> git = GitFiles.in(dir);
        List<SchemaChange> changes = new ArrayList<>();
        for (LocalSchema schema : schemas) {
            changes.add(git.map(g -> check(g, revision, schema)).orElseGet(() -> SchemaChange.other(schema, revision,
                    SchemaChange.Outcome.NOTHING_TO_COMPARE, "not in a git repository, nothing to compare with")));
        }
        return changes;
    }

    private SchemaChange check(GitFiles git, String revision, LocalSchema schema) {
        Optional<SchemaFormat> format = formats.get(schema.type());
        if (format.isEmpty()) {
            return SchemaChange.other(schema, revision, SchemaChange.Outcome.FAILED, "schema type " + schema.type()
                    + " is not one of " + formats.types());
        }
        SchemaText current = SchemaText.of(schema.text());
        try {
            format.get().canonicalize(current);
        } catch (InvalidSchemaException e) {
            return SchemaChange.other(schema, revision, SchemaChange.Outcome.FAILED, "not a valid " + schema.type()
                    + " schema: " + e.getMessage());
        }
        if (schema.level() == CompatibilityLevel.NONE) {
            return SchemaChange.other(schema, revision, SchemaChange.Outcome.NOTHING_TO_COMPARE,
                    "compatibility NONE, not compared");
        }
        try {
            if (!git.hasRevision(revision)) {
                return SchemaChange.other(schema, revision, SchemaChange.Outcome.UNKNOWN_REVISION,
                        "git revision '" + revision + "' does not name a commit");
            }
            List<Compatibility.Against> earlier = earlier(git, revision, schema);
            if (earlier.isEmpty()) {
                return SchemaChange.other(schema, revision, SchemaChange.Outcome.NOTHING_TO_COMPARE,
                        "new since " + revision + ", nothing to compare with");
            }
            Optional<String> invalid = invalid(format.get(), earlier);
            if (invalid.isPresent()) {
                return SchemaChange.other(schema, revision, SchemaChange.Outcome.NOTHING_TO_COMPARE, invalid.get());
            }
            if (earlier.get(earlier.size() - 1).text().schema().equals(schema.text()) && !schema.level().transitive()) {
                return SchemaChange.compatible(schema, revision, "unchanged since " + revision);
            }
            List<Compatibility.Problem> problems = Compatibility.check(schema.level(), format.get(), current, earlier);
            if (problems.isEmpty()) {
                return SchemaChange.compatible(schema, revision, null);
            }
            boolean plain = !schema.level().transitive() && !(schema.level().backward() && schema.level().forward());
            return SchemaChange.incompatible(schema, revision, problems.stream()
                    .map(p -> plain ? p.message() : p.describe()).toList());
        } catch (GitFiles.GitException e) {
            return SchemaChange.other(schema, revision, SchemaChange.Outcome.FAILED, e.getMessage());
        }
    }

    /** The version at {@code revision}, named by it; under a transitive level every version up to it, named by commit. */
    private static List<Compatibility.Against> earlier(GitFiles git, String revision, LocalSchema schema)
            throws GitFiles.GitException {
        if (!schema.level().transitive()) {
            return git.show(revision, schema.path())
                    .map(text -> List.of(new Compatibility.Against(revision, schema.type(), SchemaText.of(text))))
                    .orElse(List.of());
        }
        if (git.show(revision, schema.path()).isEmpty()) {
            return List.of(); // new at the revision: older versions under that path belong to a deleted file
        }
        return git.history(revision, schema.path()).stream()
                .map(v -> new Compatibility.Against(v.commit(), schema.type(), SchemaText.of(v.text()))).toList();
    }

    /** Why an earlier version cannot be compared with, when it is not a valid schema of its type. */
    private static Optional<String> invalid(SchemaFormat format, List<Compatibility.Against> earlier) {
        for (Compatibility.Against a : earlier) {
            try {
                format.canonicalize(a.text());
            } catch (InvalidSchemaException e) {
                return Optional.of("the version at " + a.name() + " is not a valid " + format.type()
                        + " schema, nothing to compare with: " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
