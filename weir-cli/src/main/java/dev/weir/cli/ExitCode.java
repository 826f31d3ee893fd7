package dev.weir.cli;

/** Exit codes of every weir command. */
public final class ExitCode {

    /** Done, nothing wrong. */
    public static final int OK = 0;
    /** The command ran and found a problem, or could not do its job (a busy port, a cluster out of reach). */
    public static final int FAILURE = 1;
    /** The user's input is wrong: project files, arguments, input records. Fix and run again. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
