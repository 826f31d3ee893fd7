package dev.weir.engine.testing;

import dev.weir.engine.record.ValueFormats;
import dev.weir.engine.schema.AvroCodec;
import dev.weir.engine.schema.InMemorySchemas;
import dev.weir.engine.schema.JsonSchemaCodec;
import dev.weir.engine.schema.ProtobufCodec;
import dev.weir.engine.schema.RegisteredSchema;
import dev.weir.engine.schema.SchemaException;
import dev.weir.engine.schema.WireFormat;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Format;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Topic;
import dev.weir.spec.test.InputRecord;
import dev.weir.spec.yaml.PlainValue;
import dev.weir.spec.yaml.YNode;

import java.util.Map;
import java.util.Optional;

/**
 * Records of avro, json-schema and protobuf topics in tests: inputs written with the topic's
 * schema into a registry kept in memory for the run, outputs read back by their schema id, so
 * expectations compare fields whatever the format.
 */
final class WireCodec {

    private final Project project;
    private final InMemorySchemas schemas;
    private final ValueFormats formats;
    private final AvroCodec avro;
    private final JsonSchemaCodec jsonSchema;
    private final ProtobufCodec protobuf;

    WireCodec(Project project, InMemorySchemas schemas) {
        this.project = project;
        this.schemas = schemas;
        this.formats = new ValueFormats(Optional.of(schemas));
        this.avro = new AvroCodec(schemas);
        this.jsonSchema = new JsonSchemaCodec(schemas);
        this.protobuf = new ProtobufCodec(schemas);
    }

    /** The bytes a Confluent-compatible producer would send for a mapping; null when {@code format} needs none. */
    byte[] encode(InputRecord in, Format format) {
        if (!format.usesRegistry() || !(in.value() instanceof YNode.YMap)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) PlainValue.of(in.value());
        try {
            return formats.writer(format, in.topic(), project.topic(in.topic()).flatMap(Topic::schema), in.value().pos())
                    .encode(record);
        } catch (SchemaException e) {
            throw SpecException.at(in.value().pos(), "the value does not fit the schema of topic '" + in.topic() + "': "
                    + e.getMessage());
        }
    }

    /** A value in the registry wire format whose schema this run registered, decoded; else empty. */
    Optional<Map<String, Object>> decode(byte[] value) {
        if (value == null || value.length < WireFormat.HEADER || value[0] != WireFormat.MAGIC) {
            return Optional.empty();
        }
        try {
            RegisteredSchema schema = schemas.byId(WireFormat.schemaId(value));
            return Optional.of(switch (schema.type()) {
                case "AVRO" -> avro.decode(value);
                case "JSON" -> jsonSchema.decode(value);
                default -> protobuf.decode(value);
            });
        } catch (SchemaException e) {
            return Optional.empty();
        }
    }
}
