package dev.weir.engine.schema;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.kafka.common.utils.ByteUtils;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes Protobuf records in the Confluent wire format: the header, then the message
 * indexes (which message of the .proto file the record is), then the Protobuf binary encoding.
 * The indexes are a zigzag-varint count followed by that many zigzag-varint indexes, each one the
 * position of a message among the messages declared at its level (enums not counted): [1] is the
 * file's second message, [0, 2] the third message nested in its first. The common [0] is written
 * as the single byte 0.
 *
 * <p>Each record is read with the schema it was written with (found by its id); records are
 * written with the sink's schema, registered (or found) under the sink's subject on first use.
 * See {@link ProtobufValues} for how values are represented and {@link ProtoDescriptors} for the
 * .proto features understood.
 */
public final class ProtobufCodec {

    private static final int MAX_DEPTH = 64;

    private final SchemaSource registry;
    private final Map<Integer, FileDescriptor> byId = new ConcurrentHashMap<>();
    private final Map<String, FileDescriptor> byText = new ConcurrentHashMap<>();

    public ProtobufCodec(SchemaSource registry) {
        this.registry = registry;
    }

    /** The full name of the first message of a .proto file, the one a topic's records are when it names none. */
    public static String firstMessage(String protoText) throws SchemaException {
        return firstMessageType(protoText).getFullName();
    }

    /** The first message of a .proto file, the one a topic's records are when it names none. */
    public static Descriptor firstMessageType(String protoText) throws SchemaException {
        FileDescriptor file = compile(protoText);
        if (file.getMessageTypes().isEmpty()) {
            throw new SchemaException("the .proto file declares no message");
        }
        return file.getMessageTypes().get(0);
    }

    /**
     * Checks, before any record is written, that {@code protoText} is a usable .proto file (importing
     * only well-known google/protobuf files) that declares {@code messageName}.
     */
    public static void check(String protoText, String messageName) throws SchemaException {
        message(compile(protoText), messageName);
    }

    /** Decodes to a JSON-shaped map. A record not in the wire format, or not of its schema, is an error. */
    public Map<String, Object> decode(byte[] bytes) throws SchemaException {
        int id = WireFormat.schemaId(bytes);
        FileDescriptor file = schema(id);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, WireFormat.HEADER, bytes.length - WireFormat.HEADER);
        List<Integer> indexes = readIndexes(buffer);
        Descriptor type = messageAt(file, indexes, id);
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes, buffer.position(), buffer.remaining());
            DynamicMessage message = DynamicMessage.parseFrom(type, in);
            return ProtobufValues.toJava(message);
        } catch (InvalidProtocolBufferException e) {
            throw new SchemaException("cannot decode Protobuf " + type.getFullName() + " with schema " + id + ": "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SchemaException("cannot decode Protobuf " + type.getFullName() + " with schema " + id + ": " + e, e);
        }
    }

    /**
     * Encodes a record as {@code messageName} (a name relative to the file's package, such as
     * {@code Order} or {@code Order.Line}, or the full name) of {@code protoText}, registered under
     * {@code subject}. Keys the message has no field for are left out.
     */
    public byte[] encode(Map<String, Object> record, String subject, String protoText, String messageName)
            throws SchemaException {
        FileDescriptor file = byText.get(protoText);
        if (file == null) {
            file = compile(protoText);
            byText.put(protoText, file);
        }
        Descriptor type = message(file, messageName);
        int id = registry.register(subject, "PROTOBUF", protoText);
        byte[] indexes = writeIndexes(type);
        byte[] payload = ProtobufValues.toMessage(record, type, "").toByteArray();
        byte[] body = new byte[indexes.length + payload.length];
        System.arraycopy(indexes, 0, body, 0, indexes.length);
        System.arraycopy(payload, 0, body, indexes.length, payload.length);
        return WireFormat.frame(id, body);
    }

    private static FileDescriptor compile(String protoText) throws SchemaException {
        try {
            return ProtoDescriptors.build(protoText, Map.of());
        } catch (SchemaException e) {
            throw new SchemaException("invalid Protobuf schema: " + e.getMessage(), e);
        }
    }

    private FileDescriptor schema(int id) throws SchemaException {
        FileDescriptor cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        RegisteredSchema registered = registry.byId(id);
        if (!"PROTOBUF".equals(registered.type())) {
            throw new SchemaException("schema " + id + " is " + registered.type() + ", not PROTOBUF");
        }
        FileDescriptor file;
        try {
            file = ProtoDescriptors.build(registered.schema(), registered.references());
        } catch (SchemaException e) {
            throw new SchemaException("schema " + id + " is not valid Protobuf: " + e.getMessage(), e);
        }
        byId.put(id, file);
        return file;
    }

    private static Descriptor message(FileDescriptor file, String name) throws SchemaException {
        String full = name.startsWith(".") ? name.substring(1) : name;
        String relative = !file.getPackage().isEmpty() && full.startsWith(file.getPackage() + ".")
                ? full.substring(file.getPackage().length() + 1) : full;
        Descriptor type = null;
        for (String part : relative.split("\\.")) {
            type = type == null ? file.findMessageTypeByName(part) : type.findNestedTypeByName(part);
            if (type == null || type.getOptions().getMapEntry()) {
                throw new SchemaException("the Protobuf schema has no message " + name);
            }
        }
        return type;
    }

    private static Descriptor messageAt(FileDescriptor file, List<Integer> indexes, int id) throws SchemaException {
        List<Descriptor> level = file.getMessageTypes();
        Descriptor type = null;
        for (int index : indexes) {
            if (index < 0 || index >= level.size()) {
                throw new SchemaException("message indexes " + indexes + " name no message of schema " + id);
            }
            type = level.get(index);
            level = type.getNestedTypes();
        }
        return type;
    }

    private static List<Integer> readIndexes(ByteBuffer buffer) throws SchemaException {
        try {
            int count = ByteUtils.readVarint(buffer);
            if (count == 0) {
                return List.of(0);
            }
            if (count < 0 || count > MAX_DEPTH) {
                throw new SchemaException("bad message indexes: a count of " + count);
            }
            List<Integer> indexes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                indexes.add(ByteUtils.readVarint(buffer));
            }
            return indexes;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SchemaException("bad message indexes after the schema id: not written by a Protobuf serializer", e);
        }
    }

    /** The path of {@code type} through the file's (nested) messages, as message indexes. */
    static byte[] writeIndexes(Descriptor type) {
        List<Integer> path = new ArrayList<>();
        for (Descriptor d = type; d != null; d = d.getContainingType()) {
            path.add(0, d.getIndex());
        }
        if (path.equals(List.of(0))) {
            return new byte[]{0};
        }
        ByteBuffer buffer = ByteBuffer.allocate(5 * (path.size() + 1));
        ByteUtils.writeVarint(path.size(), buffer);
        for (int index : path) {
            ByteUtils.writeVarint(index, buffer);
        }
        byte[] out = new byte[buffer.position()];
        buffer.flip().get(out);
        return out;
    }
}
