package dev.weir.engine.schema;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes Avro records in the Confluent wire format. Each record is read with the schema
 * it was written with (found by its id); records are written with the sink's schema, registered
 * (or found) under the sink's subject on first use.
 */
public final class AvroCodec {

    private final SchemaSource registry;
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<Integer, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();

    public AvroCodec(SchemaSource registry) {
        this.registry = registry;
    }

    public static Schema parse(String text) throws SchemaException {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaException("invalid Avro schema: " + e.getMessage(), e);
        }
    }

    /** Decodes to a JSON-shaped map. A record that is not a record, or not in the wire format, is an error. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> decode(byte[] bytes) throws SchemaException {
        int id = WireFormat.schemaId(bytes);
        Schema schema = schema(id);
        if (schema.getType() != Schema.Type.RECORD) {
            throw new SchemaException("schema " + id + " is a " + schema.getType().getName() + ", not a record");
        }
        GenericDatumReader<Object> reader = readers.computeIfAbsent(id, i -> new GenericDatumReader<>(schema));
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER, bytes.length - WireFormat.HEADER, null);
            Object record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SchemaException("bytes left over after the record: not written with schema " + id);
            }
            return (Map<String, Object>) AvroValues.toJava(record, schema);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new SchemaException("cannot decode Avro with schema " + id + ": " + e.getMessage(), e);
        }
    }

    /** Encodes a record with {@code schema}, registered under {@code subject}. Fields the schema lacks are left out. */
    public byte[] encode(Map<String, Object> record, String subject, Schema schema) throws SchemaException {
        int id = registry.register(subject, "AVRO", schema.toString());
        Object avro = AvroValues.toAvro(record, schema, "");
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<>(schema).write(avro, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException e) {
            throw new SchemaException("cannot encode Avro: " + e.getMessage(), e);
        }
        return WireFormat.frame(id, out.toByteArray());
    }

    private Schema schema(int id) throws SchemaException {
        Schema cached = schemas.get(id);
        if (cached != null) {
            return cached;
        }
        RegisteredSchema registered = registry.byId(id);
        if (!"AVRO".equals(registered.type())) {
            throw new SchemaException("schema " + id + " is " + registered.type() + ", not AVRO");
        }
        Schema.Parser parser = new Schema.Parser();
        for (String referenced : registered.references().values()) {
            parser.parse(referenced);
        }
        Schema schema;
        try {
            schema = parser.parse(registered.schema());
        } catch (SchemaParseException e) {
            throw new SchemaException("schema " + id + " is not valid Avro: " + e.getMessage(), e);
        }
        schemas.put(id, schema);
        return schema;
    }
}
