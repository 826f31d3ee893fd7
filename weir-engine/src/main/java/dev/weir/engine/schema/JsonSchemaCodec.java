package dev.weir.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.ClasspathSchemaLoader;
import com.networknt.schema.resource.MapSchemaLoader;
import dev.weir.engine.record.Json;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads and writes JSON records in the Confluent wire format for JSON Schema: header, then UTF-8
 * JSON. Every record is checked against its schema, on the way in and on the way out. Schemas are
 * resolved only from the registry's references and the validator's bundled meta-schemas: never
 * fetched from the network.
 */
public final class JsonSchemaCodec {

    private final SchemaSource registry;
    private final Map<Integer, JsonSchema> byId = new ConcurrentHashMap<>();
    private final Map<String, JsonSchema> byText = new ConcurrentHashMap<>();

    public JsonSchemaCodec(SchemaSource registry) {
        this.registry = registry;
    }

    public Map<String, Object> decode(byte[] bytes) throws SchemaException {
        int id = WireFormat.schemaId(bytes);
        JsonSchema schema = schema(id);
        Map<String, Object> record;
        JsonNode node;
        try {
            byte[] payload = Arrays.copyOfRange(bytes, WireFormat.HEADER, bytes.length);
            record = Json.parseObject(payload);
            node = Json.MAPPER.valueToTree(record);
        } catch (IOException e) {
            throw new SchemaException("not a JSON object after the schema id: " + e.getMessage(), e);
        }
        check(schema, node, id);
        return record;
    }

    public byte[] encode(Map<String, Object> record, String subject, String schemaText) throws SchemaException {
        int id = registry.register(subject, "JSON", schemaText);
        JsonSchema schema = byText.computeIfAbsent(schemaText, t -> compile(t, Map.of()));
        check(schema, Json.MAPPER.valueToTree(record), id);
        return WireFormat.frame(id, Json.write(record));
    }

    private JsonSchema schema(int id) throws SchemaException {
        JsonSchema cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        RegisteredSchema registered = registry.byId(id);
        if (!"JSON".equals(registered.type())) {
            throw new SchemaException("schema " + id + " is " + registered.type() + ", not JSON");
        }
        try {
            JsonSchema schema = compile(registered.schema(), registered.references());
            byId.put(id, schema);
            return schema;
        } catch (RuntimeException e) {
            throw new SchemaException("schema " + id + " is not a usable JSON Schema: " + e.getMessage(), e);
        }
    }

    private static JsonSchema compile(String text, Map<String, String> references) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
        SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(node, false)
                .orElse(SpecVersion.VersionFlag.V7);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(version, builder -> builder
                .schemaLoaders(loaders -> loaders.values(list -> {
                    // Only references the registry gave, and meta-schemas bundled in the jar.
                    list.removeIf(l -> !(l instanceof ClasspathSchemaLoader));
                    list.add(0, new MapSchemaLoader(references));
                })));
        return factory.getSchema(node);
    }

    private static void check(JsonSchema schema, JsonNode node, int id) throws SchemaException {
        Set<ValidationMessage> errors;
        try {
            errors = schema.validate(node);
        } catch (RuntimeException e) {
            // e.g. a $ref that is neither a registered reference nor a bundled meta-schema
            throw new SchemaException("cannot check against JSON schema " + id + ": " + e.getMessage(), e);
        }
        if (!errors.isEmpty()) {
            throw new SchemaException("does not fit JSON schema " + id + ": " + errors.stream()
                    .map(ValidationMessage::getMessage).sorted().limit(5).collect(Collectors.joining("; ")));
        }
    }
}
