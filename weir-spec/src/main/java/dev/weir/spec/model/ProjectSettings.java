package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ResourceDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.Optional;

/**
 * kind: Project — the {@code weir.yaml} at a project's root: its name, defaults, schema registry,
 * and where lineage events go ({@link LineageSettings#defaults} when the section is left out).
 */
public record ProjectSettings(Metadata metadata, int defaultPartitions, short defaultReplicationFactor,
                              Optional<RegistrySettings> registry, LineageSettings lineage, Position pos) {

    public static final ResourceDoc DOC = new ResourceDoc("Project", "Project settings",
            "The weir.yaml at the project's root: the project's name, and defaults for the topics Weir creates "
                    + "that no Topic declares (dead-letter and route topics).",
            "weir.yaml",
            ValueType.object(
                    FieldDoc.optional("defaults", ValueType.object(
                            FieldDoc.optional("partitions", ValueType.integer(), "1", "Partitions of topics Weir creates."),
                            FieldDoc.optional("replicationFactor", ValueType.integer(), "1",
                                    "Replication factor of topics Weir creates.")),
                            "Defaults for topics that no Topic declares."),
                    FieldDoc.optional("registry", ValueType.object(
                            FieldDoc.required("url", ValueType.string(),
                                    "Base URL of a Confluent-compatible schema registry, e.g. http://localhost:8081."),
                            FieldDoc.optional("username", ValueType.string(), "Basic authentication user."),
                            FieldDoc.optional("password", ValueType.string(),
                                    "Basic authentication password; use ${env:NAME}.")),
                            "The schema registry of the avro, json-schema and protobuf formats. weir up provides one; "
                                    + "weir run --registry-url overrides this."),
                    FieldDoc.optional("lineage", LineageSettings.DOC,
                            "Where the pipelines' OpenLineage run events go: the topic _weir_lineage unless disabled, "
                                    + "and an HTTP receiver such as Marquez when a url is given. See docs/lineage.md."),
                    FieldDoc.optional("environments", ValueType.any(),
                            "Reserved for per-environment settings; accepted, not used yet.")),
            false,
            """
            apiVersion: weir.dev/v1
            kind: Project
            metadata: { name: shop, owner: data-team }
            spec:
              defaults: { partitions: 3, replicationFactor: 1 }
            """);

    public String name() {
        return metadata.name();
    }

    public static ProjectSettings parse(Metadata metadata, YNode spec) {
        if (spec == null) {
            return new ProjectSettings(metadata, 1, (short) 1, Optional.empty(), LineageSettings.defaults(metadata.pos()),
                    metadata.pos());
        }
        Fields f = Fields.of(spec, "project spec");
        int partitions = 1;
        int rf = 1;
        var defaults = f.optional("defaults");
        if (defaults.isPresent()) {
            Fields d = Fields.of(defaults.get(), "defaults");
            partitions = d.optionalInt("partitions").orElse(1);
            rf = d.optionalInt("replicationFactor").orElse(1);
            d.finish();
        }
        Optional<RegistrySettings> registry = f.optional("registry").map(RegistrySettings::parse);
        LineageSettings lineage = f.optional("lineage").map(LineageSettings::parse)
                .orElse(LineageSettings.defaults(spec.pos()));
        f.optional("environments");
        f.finish();
        return new ProjectSettings(metadata, partitions, (short) rf, registry, lineage, spec.pos());
    }
}
