package dev.weir.engine.schema;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemaCodecTest {

    private static final String ORDER = """
            {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
             "properties": {"id": {"type": "string"}, "total": {"type": "number", "minimum": 0}},
             "required": ["id", "total"]}""";

    private final InMemorySchemas registry = new InMemorySchemas();
    private final JsonSchemaCodec codec = new JsonSchemaCodec(registry);

    @Test
    void roundTripsAValidRecordWithTheSchemaIdInFront() throws Exception {
        Map<String, Object> order = new java.util.LinkedHashMap<>();
        order.put("id", "o-1");
        order.put("total", 9.5);
        byte[] bytes = codec.encode(order, "orders-value", ORDER);
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(1);
        assertThat(new String(bytes, WireFormat.HEADER, bytes.length - WireFormat.HEADER)).isEqualTo("{\"id\":\"o-1\",\"total\":9.5}");
        assertThat(codec.decode(bytes)).isEqualTo(Map.of("id", "o-1", "total", 9.5));
    }

    @Test
    void aRecordThatDoesNotFitIsRejectedOnTheWayOutAndIn() throws Exception {
        assertThatThrownBy(() -> codec.encode(Map.of("id", "o-1", "total", -1L), "orders-value", ORDER))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("does not fit JSON schema 1: ")
                .hasMessageContaining("total");
        int id = registry.register("orders-value", "JSON", ORDER);
        byte[] missingTotal = WireFormat.frame(id, "{\"id\": \"o-2\"}".getBytes());
        assertThatThrownBy(() -> codec.decode(missingTotal)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("total");
    }

    @Test
    void aSchemaOfAnotherTypeOrMalformedPayloadIsAnError() {
        int avro = registry.register("x", "AVRO", "\"string\"");
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(avro, "{}".getBytes())))
                .isInstanceOf(SchemaException.class).hasMessageContaining("not JSON");
        int json = registry.register("orders-value", "JSON", ORDER);
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(json, "{oops".getBytes())))
                .isInstanceOf(SchemaException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void remoteReferencesAreNeverFetched() {
        String remote = "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"https://example.invalid/a.json\"}}}";
        int id = registry.register("r", "JSON", remote);
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(id, "{\"a\": 1}".getBytes())))
                .isInstanceOf(SchemaException.class).hasMessageContaining("https://example.invalid/a.json");
    }
}
