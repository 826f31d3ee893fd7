package dev.weir.cli;

import dev.weir.spec.docgen.ResourceSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of Weir resource files, for editors.",
                "Draft-07, as the YAML support of VS Code and IntelliJ reads it: completion, documentation "
                        + "on hover, and unknown or misspelt fields marked as you type. See docs/editors.md."},
        footer = {"", "Example:", "  weir schema --out weir.schema.json"})
final class SchemaCommand implements Callable<Integer> {

    @ParentCommand
    WeirCommand root;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the schema to FILE instead of printing it.")
    Path out;

    @Override
    public Integer call() {
        String json = ResourceSchema.json();
        if (out == null) {
            root.out.print(json);
            root.out.flush();
            return ExitCode.OK;
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, json);
        } catch (IOException e) {
            throw new UserError(ExitCode.FAILURE, "cannot write " + out + ": " + e.getMessage());
        }
        root.out.println("Wrote the JSON Schema of Weir resources to " + out);
        return ExitCode.OK;
    }
}
