package dev.weir.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;

@Command(name = "weir", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Streaming data pipelines as code on Apache Kafka.",
        subcommands = {InitCommand.class, ValidateCommand.class, TestCommand.class, UpCommand.class, RunCommand.class,
                TailCommand.class, ProduceCommand.class, AlertsCommand.class, RegistryCommand.class, SchemaCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Start with: weir validate examples/fraud-detection, then weir up examples/fraud-detection"})
public final class WeirCommand {

    final PrintStream out;
    final PrintStream err;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces with errors; weir validate also says what each schema was compared with.")
    boolean verbose;

    WeirCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }
}
