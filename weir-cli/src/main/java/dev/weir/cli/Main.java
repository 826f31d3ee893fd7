package dev.weir.cli;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.SpecException;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;

/** The {@code weir} command. {@link #run} runs it in-process, so tests read what it prints and its exit code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(System.out, System.err, args);
        Logging.shutdown();
        System.exit(code);
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        WeirCommand root = new WeirCommand(out, err);
        CommandLine cli = new CommandLine(root);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, err, root.verbose));
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("weir: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE;
        });
        return cli.execute(args);
    }

    static int handle(Exception e, PrintStream err, boolean verbose) {
        if (e instanceof SpecException se) {
            for (Diagnostic d : se.diagnostics()) {
                err.println(d.format());
            }
            int n = se.diagnostics().size();
            err.println(n == 1 ? "1 error" : n + " errors");
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCode.USAGE;
        }
        if (e instanceof UserError ue) {
            err.println("weir: " + ue.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return ue.exitCode();
        }
        err.println("weir: unexpected error: " + e);
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("Run again with --verbose for the stack trace.");
        }
        return ExitCode.FAILURE;
    }
}
