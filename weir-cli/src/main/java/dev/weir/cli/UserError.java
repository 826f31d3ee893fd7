package dev.weir.cli;

/** A problem to tell the user in one message, without a stack trace, and the exit code it ends with. */
public final class UserError extends RuntimeException {

    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
