package dev.weir.cli;

import dev.weir.registry.check.LocalSchema;
import dev.weir.registry.check.LocalSchemaCheck;
import dev.weir.registry.check.RegistryCompatibility;
import dev.weir.registry.check.SchemaChange;
import dev.weir.registry.core.CompatibilityLevel;
import dev.weir.registry.format.SchemaFormats;
import dev.weir.spec.Diagnostic;
import dev.weir.spec.Position;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.RegistrySettings;
import dev.weir.spec.model.Topic;
import dev.weir.spec.schema.TopicSchema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Schemas as code, for {@code weir validate}: each topic's schema file is compared with its
 * version in git at a revision, at the topic's compatibility level, and (for the registry formats)
 * with the latest version of its subject ({@code <topic>-value}) in a schema registry when one is
 * given or configured.
 * Breaking changes are errors at the topic's {@code schema:} field, so CI fails before anything
 * is applied.
 */
final class SchemaChecks {

    /** Where to compare: a git revision ({@code given} when the user named it) and a registry, unless offline. */
    record Settings(String revision, boolean revisionGiven, Optional<String> registryUrl, boolean offline) {
    }

    /** One topic's schema and what comparing it found; no registry result when none was asked. */
    record Checked(Topic topic, TopicSchema schema, SchemaChange git, Optional<SchemaChange> registry) {
    }

    /** What the checks found: findings for the validation, and each schema's results for verbose and JSON output. */
    record Report(List<Diagnostic> findings, List<Checked> schemas) {
    }

    /** Where a finding about a command-line option is reported. */
    private static final Position AGAINST_OPTION = new Position("--against", 0, 0);
    private static final Position REGISTRY_OPTION = new Position("--registry-url", 0, 0);

    private SchemaChecks() {
    }

    static Report check(Project project, Path dir, Settings settings) {
        List<Topic> topics = project.topics().stream().filter(t -> t.schema().isPresent()).toList();
        List<LocalSchema> locals = topics.stream().map(SchemaChecks::local).toList();
        List<Diagnostic> findings = new ArrayList<>();
        List<SchemaChange> git = new LocalSchemaCheck(dir, SchemaFormats.builtIn()).check(settings.revision(), locals);
        boolean unknownReported = false;
        for (int i = 0; i < topics.size(); i++) {
            SchemaChange change = git.get(i);
            if (change.outcome() == SchemaChange.Outcome.UNKNOWN_REVISION) {
                if (settings.revisionGiven() && !unknownReported) {
                    findings.add(Diagnostic.error(AGAINST_OPTION, change.note().orElseThrow(), "fetch it first, e.g. "
                            + "git fetch origin main (a CI checkout may be shallow or hold one branch only)"));
                    unknownReported = true;
                }
                continue; // with the default HEAD: a repository without commits yet, nothing to compare with
            }
            TopicSchema schema = topics.get(i).schema().orElseThrow();
            finding(schema, change, schema.path() + " is not " + topics.get(i).compatibility() + " compatible with "
                    + settings.revision(), levelHint(topics.get(i))).ifPresent(findings::add);
        }
        List<Optional<SchemaChange>> registry = registry(project, settings, topics, locals, findings);
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            checked.add(new Checked(topics.get(i), topics.get(i).schema().orElseThrow(), git.get(i), registry.get(i)));
        }
        return new Report(findings, checked);
    }

    private static LocalSchema local(Topic topic) {
        TopicSchema schema = topic.schema().orElseThrow();
        return new LocalSchema(topic.name() + "-value", schema.path(), schema.kind().registryType(), schema.text(),
                CompatibilityLevel.valueOf(topic.compatibility().name()));
    }

    /**
     * Asks the registry about the schema of each topic in a registry format (avro, json-schema,
     * protobuf), stopping at the first that finds it out of reach: an error when the registry was
     * given on the command line, a warning when weir.yaml names it.
     */
    private static List<Optional<SchemaChange>> registry(Project project, Settings settings, List<Topic> topics,
                                                         List<LocalSchema> locals, List<Diagnostic> findings) {
        List<Optional<SchemaChange>> results = new ArrayList<>();
        Optional<RegistrySettings> configured = project.settings().registry();
        Optional<String> url = settings.registryUrl().or(() -> configured.map(RegistrySettings::url));
        if (settings.offline() || url.isEmpty()) {
            topics.forEach(t -> results.add(Optional.empty()));
            return results;
        }
        RegistryCompatibility client = new RegistryCompatibility(url.get(),
                configured.flatMap(RegistrySettings::username), configured.flatMap(RegistrySettings::password));
        boolean reachable = true;
        for (int i = 0; i < topics.size(); i++) {
            if (!reachable || !topics.get(i).format().usesRegistry()) {
                results.add(Optional.empty()); // plain json topics are never registered
                continue;
            }
            SchemaChange change = client.check(locals.get(i));
            results.add(Optional.of(change));
            if (change.outcome() == SchemaChange.Outcome.UNREACHABLE) {
                reachable = false;
                String why = change.note().orElseThrow();
                if (settings.registryUrl().isPresent()) {
                    findings.add(Diagnostic.error(REGISTRY_OPTION, why, "start the registry (weir up runs one on port "
                            + "8081), or leave --registry-url out to check against git only"));
                } else {
                    findings.add(Diagnostic.warning(configured.orElseThrow().pos(),
                            "registry not reachable, checked against git only", why));
                }
                continue;
            }
            TopicSchema schema = topics.get(i).schema().orElseThrow();
            finding(schema, change, schema.path() + " is not compatible with the latest version of "
                    + locals.get(i).subject() + " in " + client.name() + change.note().map(n -> " (" + n + ")").orElse(""),
                    "the registry would refuse to register it; make the change compatible, or move to a new topic")
                    .ifPresent(findings::add);
        }
        return results;
    }

    /** An error for a schema that breaks compatibility ({@code what}), or that could not be compared; nothing otherwise. */
    private static Optional<Diagnostic> finding(TopicSchema schema, SchemaChange change, String what, String hint) {
        return switch (change.outcome()) {
            case INCOMPATIBLE -> Optional.of(Diagnostic.error(schema.declaredAt(),
                    what + ": " + String.join("; ", change.problems()), hint));
            case FAILED -> Optional.of(Diagnostic.error(schema.declaredAt(), "cannot compare " + schema.path() + " with "
                    + change.against() + ": " + change.note().orElse("unknown error")));
            default -> Optional.empty();
        };
    }

    private static String levelHint(Topic topic) {
        String rule = switch (topic.compatibility()) {
            case BACKWARD, BACKWARD_TRANSITIVE -> "consumers using the new schema must read records written with the old";
            case FORWARD, FORWARD_TRANSITIVE -> "consumers using the old schema must read records written with the new";
            default -> "consumers using either schema must read records written with the other";
        };
        return rule + " (e.g. give a new field a default); if the break is intended, move to a new topic, or set the "
                + "topic's compatibility";
    }
}
