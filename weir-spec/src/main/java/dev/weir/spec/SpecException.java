package dev.weir.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A user's mistake in project files. Carries every error found, each with its position. */
public class SpecException extends RuntimeException {

    private final List<Diagnostic> diagnostics;

    public SpecException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public SpecException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public static SpecException at(Position position, String message) {
        return new SpecException(Diagnostic.error(position, message));
    }

    public static SpecException at(Position position, String message, String hint) {
        return new SpecException(Diagnostic.error(position, message, hint));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
