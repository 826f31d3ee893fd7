package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ResourceDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.schema.TopicSchema;
import dev.weir.spec.schema.TopicSchemas;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * kind: Topic — a Kafka topic the project owns. {@code schema} describes its records, read from a
 * file of the project ({@code schema: schemas/orders.avsc}); {@code compatibility} says how that
 * schema may change, as the schema registry's levels do.
 */
public record Topic(Metadata metadata, int partitions, short replicationFactor, Map<String, String> configs,
                    Format format, Optional<TopicSchema> schema, SchemaCompatibility compatibility, Position pos) {

    public static final ResourceDoc DOC = new ResourceDoc("Topic", "Kafka topic",
            "A Kafka topic the project owns. weir up and weir run create declared topics that do not exist yet.",
            "topics/*.yaml",
            ValueType.object(
                    FieldDoc.optional("partitions", ValueType.integer(), "1", "Number of partitions; at least 1."),
                    FieldDoc.optional("replicationFactor", ValueType.integer(), "1", "Copies of each partition; at least 1."),
                    FieldDoc.optional("config", ValueType.mapOf(ValueType.scalar()),
                            "Kafka topic configs, e.g. cleanup.policy: compact or retention.ms: 604800000."),
                    FieldDoc.optional("format", ValueType.enumOf(Format.class), "json",
                            "How the records' values are encoded; how a table's rows are read (enrich)."),
                    FieldDoc.optional("schema", ValueType.string(),
                            "Path, relative to the project, of the schema of the record values: .json (JSON Schema, "
                                    + "for json and json-schema), .avsc (Avro) or .proto (Protobuf, its first message). "
                                    + "Expressions are checked against it; registry formats register it for the "
                                    + "subject <topic>-value."),
                    FieldDoc.optional("compatibility", ValueType.enumOf(SchemaCompatibility.names()), "BACKWARD",
                            "How the schema may change, with the schema registry's meanings: BACKWARD, consumers "
                                    + "using the new schema read records written with the previous one; FORWARD, "
                                    + "the other way round; FULL, both; *_TRANSITIVE, with every earlier version; "
                                    + "NONE, any change. weir validate compares the schema file with its version in "
                                    + "git (and in the registry, when one is given).")),
            true,
            """
            apiVersion: weir.dev/v1
            kind: Topic
            metadata: { name: customers }
            spec:
              partitions: 1
              replicationFactor: 1
              format: json
              config: { cleanup.policy: compact }
            """);

    public String name() {
        return metadata.name();
    }

    /** A topic with {@code cleanup.policy} including compact, usable as a table. */
    public boolean compacted() {
        return configs.getOrDefault("cleanup.policy", "delete").contains("compact");
    }

    public static Topic parse(Metadata metadata, YNode spec, Path projectDir) {
        Fields f = Fields.of(spec, "topic spec");
        int partitions = f.optionalInt("partitions").orElse(1);
        if (partitions < 1) {
            throw SpecException.at(f.required("partitions").pos(), "partitions must be at least 1");
        }
        int rf = f.optionalInt("replicationFactor").orElse(1);
        if (rf < 1 || rf > Short.MAX_VALUE) {
            throw SpecException.at(f.required("replicationFactor").pos(), "replicationFactor must be at least 1");
        }
        Map<String, String> configs = f.stringMap("config");
        Format format = f.optionalEnum("format", Format.class).orElse(Format.JSON);
        Optional<YNode> schemaNode = f.optional("schema");
        SchemaCompatibility compatibility = f.optional("compatibility").map(SchemaCompatibility::parse)
                .orElse(SchemaCompatibility.DEFAULT);
        f.finish();
        Optional<TopicSchema> schema = schemaNode.map(n -> {
            TopicSchema read = TopicSchemas.read(projectDir, Fields.string(n, "schema"), n.pos());
            boolean fits = switch (format) {
                case JSON, JSON_SCHEMA -> read.kind() == TopicSchema.Kind.JSON;
                case AVRO -> read.kind() == TopicSchema.Kind.AVRO;
                case PROTOBUF -> read.kind() == TopicSchema.Kind.PROTOBUF;
                case STRING -> false;
            };
            if (!fits) {
                throw SpecException.at(n.pos(), "a " + read.kind().extension() + " schema does not describe records in format "
                        + format.name().toLowerCase().replace('_', '-'),
                        "json and json-schema topics take .json (JSON Schema), avro .avsc, protobuf .proto; string none");
            }
            return read;
        });
        return new Topic(metadata, partitions, (short) rf, Map.copyOf(configs), format, schema, compatibility, spec.pos());
    }
}
