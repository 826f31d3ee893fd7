package dev.weir.engine.validate;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.model.Project;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code weir validate} found: errors and warnings, each sorted by file, line and column, and
 * the project when it could be loaded.
 */
public record Validation(Optional<Project> project, List<Diagnostic> errors, List<Diagnostic> warnings) {

    private static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparing((Diagnostic d) -> d.position().file())
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column());

    public Validation {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** Sorts {@code findings} into errors and warnings. */
    public static Validation of(Optional<Project> project, List<Diagnostic> findings) {
        return new Validation(project,
                findings.stream().filter(Diagnostic::isError).sorted(BY_POSITION).toList(),
                findings.stream().filter(d -> !d.isError()).sorted(BY_POSITION).toList());
    }

    /** These findings and {@code more}, e.g. from checks made outside the engine. */
    public Validation plus(List<Diagnostic> more) {
        return of(project, Stream.of(errors, warnings, more).flatMap(List::stream).toList());
    }

    /** No errors; with {@code strict}, no warnings either. */
    public boolean valid(boolean strict) {
        return errors.isEmpty() && (!strict || warnings.isEmpty());
    }

    /** Every finding, sorted by file, line and column. */
    public List<Diagnostic> findings() {
        return Stream.concat(errors.stream(), warnings.stream()).sorted(BY_POSITION).toList();
    }
}
