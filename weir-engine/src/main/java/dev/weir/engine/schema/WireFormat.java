package dev.weir.engine.schema;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format that registry-aware serializers share: a zero magic byte, the schema
 * id as a 4-byte big-endian integer, then the payload.
 */
public final class WireFormat {

    public static final byte MAGIC = 0;
    public static final int HEADER = 5;

    private WireFormat() {
    }

    /** The schema id in the header. */
    public static int schemaId(byte[] bytes) throws SchemaException {
        if (bytes == null || bytes.length < HEADER) {
            throw new SchemaException("too short for the schema registry wire format (" + (bytes == null ? 0 : bytes.length)
                    + " bytes)");
        }
        if (bytes[0] != MAGIC) {
            throw new SchemaException("unknown magic byte " + bytes[0] + ": not written by a schema-registry serializer");
        }
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    public static byte[] frame(int schemaId, byte[] payload) {
        return ByteBuffer.allocate(HEADER + payload.length).put(MAGIC).putInt(schemaId).put(payload).array();
    }
}
