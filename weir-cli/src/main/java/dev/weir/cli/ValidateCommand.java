package dev.weir.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.weir.engine.record.Json;
import dev.weir.engine.validate.ProjectValidator;
import dev.weir.engine.validate.Validation;
import dev.weir.spec.Diagnostic;
import dev.weir.spec.model.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a project without a broker.",
                "Loads every file, checks that the topics pipelines and generators use are declared and that no "
                        + "pipeline reads what it writes, follows the record type through each pipeline (from "
                        + "topic schemas) and type-checks every expression against it and the schemas of the "
                        + "topics it writes, then compiles each pipeline. Each topic schema is compared with its "
                        + "version in git, and with the registry's when one is given or configured. Prints one "
                        + "line per finding, file:line:col first."},
        footer = {"", "Examples:", "  weir validate examples/fraud-detection",
                "  weir validate . --strict --format json > validation.json",
                "  weir validate . --against origin/main --registry-url http://registry:8081",
                "", "Exit codes: 0 valid, 1 warnings with --strict, 2 errors."})
final class ValidateCommand implements Callable<Integer> {

    enum OutputFormat { text, json }

    @ParentCommand
    WeirCommand root;

    @Parameters(index = "0", paramLabel = "DIR", description = "The project directory (holding weir.yaml).")
    Path dir;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (default): one line per finding and a summary; json: {valid, errors, warnings}.")
    OutputFormat format;

    @Option(names = "--strict", description = "Count warnings as errors (exit code 1 when there are any).")
    boolean strict;

    @Option(names = "--against", paramLabel = "REV",
            description = "Compare schema files with their versions at this git revision, e.g. origin/main in a pull "
                    + "request (default: HEAD).")
    String against;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Also ask this schema registry whether each schema is compatible with its subject's latest "
                    + "version (default: registry.url in weir.yaml; credentials from there too).")
    String registryUrl;

    @Option(names = "--offline", description = "Do not ask a schema registry, even one weir.yaml names.")
    boolean offline;

    @Override
    public Integer call() {
        Validation v = ProjectValidator.validate(dir, System.getenv());
        Optional<SchemaChecks.Report> schemas = v.project().map(p -> SchemaChecks.check(p, dir, new SchemaChecks.Settings(
                against == null ? "HEAD" : against, against != null, Optional.ofNullable(registryUrl), offline)));
        if (schemas.isPresent()) {
            v = v.plus(schemas.get().findings());
        }
        if (format == OutputFormat.json) {
            printJson(root.out, v, schemas);
        } else {
            printText(root.out, v, root.verbose ? schemas.map(SchemaReport::lines).orElse(List.of()) : List.of());
        }
        if (!v.errors().isEmpty()) {
            return ExitCode.USAGE;
        }
        return strict && !v.warnings().isEmpty() ? ExitCode.FAILURE : ExitCode.OK;
    }

    private void printText(PrintStream out, Validation v, List<String> notes) {
        v.findings().forEach(d -> out.println(d.format()));
        notes.forEach(out::println);
        String warnings = count(v.warnings().size(), "warning");
        if (!v.errors().isEmpty()) {
            out.println(count(v.errors().size(), "error") + (v.warnings().isEmpty() ? "" : ", " + warnings));
            return;
        }
        String contents = v.project().map(ValidateCommand::contents).orElse("");
        String name = v.project().map(Project::name).orElse(dir.toString());
        if (v.warnings().isEmpty()) {
            out.println(name + ": valid " + contents);
        } else if (strict) {
            out.println(name + ": not valid with --strict, " + warnings + " " + contents);
        } else {
            out.println(name + ": valid, " + warnings + " " + contents);
        }
    }

    private void printJson(PrintStream out, Validation v, Optional<SchemaChecks.Report> schemas) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("valid", v.valid(strict));
        doc.put("errors", v.errors().stream().map(ValidateCommand::finding).toList());
        doc.put("warnings", v.warnings().stream().map(ValidateCommand::finding).toList());
        doc.put("schemas", schemas.map(SchemaReport::json).orElse(List.of()));
        try {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("findings cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> finding(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", d.position().file());
        m.put("line", d.position().line());
        m.put("column", d.position().column());
        m.put("message", d.message());
        m.put("hint", d.hint().orElse(null));
        return m;
    }

    /** e.g. {@code (1 pipeline, 6 topics, 2 generators)}. */
    private static String contents(Project p) {
        return "(" + String.join(", ", List.of(count(p.pipelines().size(), "pipeline"), count(p.topics().size(), "topic"),
                count(p.generators().size(), "generator"))) + ")";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
