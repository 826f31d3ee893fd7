package dev.weir.spec;

import java.util.Optional;

/** One finding about a user's files: where, what, and a hint of what would be right. */
public record Diagnostic(Severity severity, Position position, String message, Optional<String> hint) {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(Position position, String message) {
        return new Diagnostic(Severity.ERROR, position, message, Optional.empty());
    }

    public static Diagnostic error(Position position, String message, String hint) {
        return new Diagnostic(Severity.ERROR, position, message, Optional.ofNullable(hint));
    }

    public static Diagnostic warning(Position position, String message, String hint) {
        return new Diagnostic(Severity.WARNING, position, message, Optional.ofNullable(hint));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: message (hint)} — the form compilers use, so editors can jump to it. */
    public String format() {
        return position + ": " + severity.name().toLowerCase() + ": " + message
                + hint.map(h -> "\n    hint: " + h).orElse("");
    }
}
