package dev.weir.cli;

import dev.weir.spec.model.Metadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a Weir project to start from.",
                "Writes weir.yaml, an orders topic with its JSON Schema, a pipeline with its output and "
                        + "dead-letter topics, a test, a data generator, .gitignore, and CI configuration for "
                        + "GitHub Actions, GitLab and Jenkins. Writes nothing if DIR has any of these files."},
        footer = {"", "Example:", "  weir init shop", "  weir init . --name shop"})
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    WeirCommand root;

    @Parameters(index = "0", paramLabel = "DIR", description = "Where to create the project; created if missing.")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", description = "The project's name (default: the directory's name).")
    String name;

    @Override
    public Integer call() throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        String projectName = projectName(target);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new UserError(ExitCode.USAGE, dir + " is a file, not a directory");
        }
        List<String> existing = ProjectScaffold.existing(target);
        if (!existing.isEmpty()) {
            String found = existing.size() <= 3 ? String.join(", ", existing)
                    : String.join(", ", existing.subList(0, 3)) + " and " + (existing.size() - 3) + " more of its files";
            throw new UserError(ExitCode.USAGE, dir + " already has " + found
                    + "; weir init wrote nothing. Choose an empty directory, or move these files away.");
        }
        List<String> written = ProjectScaffold.write(target, projectName);
        PrintStream out = root.out;
        out.printf("Created project '%s' in %s:%n", projectName, dir);
        written.forEach(f -> out.println("  " + f));
        out.println();
        out.println("Next steps:");
        out.println("  cd " + dir);
        out.println("  weir validate .      check the project");
        out.println("  weir test .          run the tests in tests/");
        out.println("  weir up .            run it on an embedded Kafka, with generated orders");
        out.println("  weir schema --out weir.schema.json");
        out.println("                       completion and checks in your editor");
        out.println("The CI files need the Weir jar: see the comment at the top of each.");
        return ExitCode.OK;
    }

    private String projectName(Path target) {
        if (name != null) {
            if (!Metadata.validName(name)) {
                throw new UserError(ExitCode.USAGE, "'" + name + "' is not a valid project name: use letters, "
                        + "digits, '.', '_' and '-', starting with a letter or digit");
            }
            return name;
        }
        Path fileName = target.getFileName();
        String fromDir = fileName == null ? "" : fileName.toString();
        if (!Metadata.validName(fromDir)) {
            throw new UserError(ExitCode.USAGE, "the directory name '" + fromDir + "' is not a valid project name; "
                    + "give one with --name");
        }
        return fromDir;
    }
}
