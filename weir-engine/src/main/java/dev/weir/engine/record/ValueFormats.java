package dev.weir.engine.record;

import dev.weir.engine.schema.AvroCodec;
import dev.weir.engine.schema.JsonSchemaCodec;
import dev.weir.engine.schema.ProtobufCodec;
import dev.weir.engine.schema.SchemaException;
import dev.weir.engine.schema.SchemaSource;
import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Format;
import dev.weir.spec.schema.TopicSchema;
import org.apache.avro.Schema;

import java.util.Map;
import java.util.Optional;

/**
 * Makes the reader and writer of each topic's values. JSON and string need nothing more; the
 * registry formats (avro, json-schema, protobuf) need a schema registry, and writers need the
 * topic's schema, registered under the subject {@code <topic>-value} on first use.
 */
public final class ValueFormats {

    private final Optional<SchemaSource> registry;
    private AvroCodec avro;
    private JsonSchemaCodec jsonSchema;
    private ProtobufCodec protobuf;

    public ValueFormats(Optional<SchemaSource> registry) {
        this.registry = registry;
    }

    /** Reads values of {@code format}; {@code where} is the source, join or table the format was written at. */
    public ValueFormat reader(Format format, Position where) {
        if (format.usesRegistry()) {
            needRegistry(format, where);
        }
        return switch (format) {
            case JSON, STRING -> plain(format);
            case AVRO -> registered(format, avro()::decode);
            case JSON_SCHEMA -> registered(format, jsonSchema()::decode);
            case PROTOBUF -> registered(format, protobuf()::decode);
        };
    }

    /** A deserializer for a stream source: reading never throws, a bad value comes back failed. */
    public org.apache.kafka.common.serialization.Deserializer<Decoded> deserializer(Format format, Position where) {
        ValueFormat reader = reader(format, where);
        return (topic, data) -> reader.decode(data);
    }

    /** Writes values of {@code format} to {@code topic}, whose declared schema registry formats need. */
    public ValueFormat writer(Format format, String topic, Optional<TopicSchema> schema, Position where) {
        if (!format.usesRegistry()) {
            return plain(format);
        }
        needRegistry(format, where);
        TopicSchema s = schema.orElseThrow(() -> SpecException.at(where, "format " + name(format) + " writes to '" + topic
                + "', which declares no schema", "declare the topic with schema: schemas/" + topic + extension(format)));
        String subject = topic + "-value";
        try {
            return switch (format) {
                case AVRO -> {
                    Schema parsed = AvroCodec.parse(s.text());
                    AvroCodec codec = avro();
                    yield writeOnly(record -> codec.encode(record, subject, parsed));
                }
                case JSON_SCHEMA -> {
                    JsonSchemaCodec codec = jsonSchema();
                    yield writeOnly(record -> codec.encode(record, subject, s.text()));
                }
                case PROTOBUF -> {
                    String message = ProtobufCodec.firstMessage(s.text());
                    ProtobufCodec codec = protobuf();
                    yield writeOnly(record -> codec.encode(record, subject, s.text(), message));
                }
                default -> throw new IllegalStateException(format.name());
            };
        } catch (SchemaException e) {
            throw SpecException.at(s.pos(), "schema " + s.path() + " of topic '" + topic + "' cannot be used: " + e.getMessage());
        }
    }

    private interface Encoder {
        byte[] encode(Map<String, Object> record) throws SchemaException;
    }

    private interface Decoder {
        Map<String, Object> decode(byte[] bytes) throws SchemaException;
    }

    private static ValueFormat plain(Format format) {
        return new ValueFormat() {
            @Override
            public Decoded decode(byte[] bytes) {
                return RecordCodec.decode(format, bytes);
            }

            @Override
            public byte[] encode(Map<String, Object> record) {
                return RecordCodec.encode(format, record);
            }
        };
    }

    private static ValueFormat registered(Format format, Decoder decoder) {
        return new ValueFormat() {
            @Override
            public Decoded decode(byte[] bytes) {
                if (bytes == null) {
                    return Decoded.failed(null, "record has no value (tombstone)");
                }
                try {
                    return Decoded.ok(decoder.decode(bytes), bytes);
                } catch (SchemaException e) {
                    return Decoded.failed(bytes, "cannot decode " + name(format) + ": " + e.getMessage());
                }
            }

            @Override
            public byte[] encode(Map<String, Object> record) {
                throw new IllegalStateException("a reader does not write");
            }
        };
    }

    private static ValueFormat writeOnly(Encoder encoder) {
        return new ValueFormat() {
            @Override
            public Decoded decode(byte[] bytes) {
                throw new IllegalStateException("a writer does not read");
            }

            @Override
            public byte[] encode(Map<String, Object> record) throws SchemaException {
                return encoder.encode(record);
            }
        };
    }

    private void needRegistry(Format format, Position where) {
        if (registry.isEmpty()) {
            throw SpecException.at(where, "format " + name(format) + " needs a schema registry",
                    "set registry: { url: ... } in weir.yaml, or run with --registry-url; weir up runs one at http://127.0.0.1:8081");
        }
    }

    private synchronized AvroCodec avro() {
        if (avro == null) {
            avro = new AvroCodec(registry.orElseThrow());
        }
        return avro;
    }

    private synchronized JsonSchemaCodec jsonSchema() {
        if (jsonSchema == null) {
            jsonSchema = new JsonSchemaCodec(registry.orElseThrow());
        }
        return jsonSchema;
    }

    private synchronized ProtobufCodec protobuf() {
        if (protobuf == null) {
            protobuf = new ProtobufCodec(registry.orElseThrow());
        }
        return protobuf;
    }

    private static String name(Format format) {
        return format.name().toLowerCase().replace('_', '-');
    }

    private static String extension(Format format) {
        return switch (format) {
            case AVRO -> ".avsc";
            case PROTOBUF -> ".proto";
            default -> ".schema.json";
        };
    }
}
