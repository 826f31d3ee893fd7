package dev.weir.engine.schema;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroCodecTest {

    private static final String PAYMENT = """
            {"type": "record", "name": "Payment", "namespace": "shop", "fields": [
              {"name": "id", "type": "string"},
              {"name": "amount", "type": "double"},
              {"name": "count", "type": "int"},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "attrs", "type": {"type": "map", "values": "long"}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
              {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
                {"name": "country", "type": "string"}]}}
            ]}""";

    private final InMemorySchemas registry = new InMemorySchemas();
    private final AvroCodec codec = new AvroCodec(registry);

    private static Map<String, Object> payment() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "p-1");
        m.put("amount", 12.5);
        m.put("count", 3L);
        m.put("status", "PAID");
        m.put("note", null);
        m.put("tags", List.of("a", "b"));
        m.put("attrs", Map.of("x", 1L));
        m.put("price", 19.99);
        m.put("customer", Map.of("country", "DE"));
        return m;
    }

    @Test
    void roundTripsEveryKindOfValueInTheWireFormat() throws Exception {
        Schema schema = AvroCodec.parse(PAYMENT);
        byte[] bytes = codec.encode(payment(), "payments-value", schema);
        assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC);
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(1);
        assertThat(codec.decode(bytes)).isEqualTo(payment());
    }

    @Test
    void fieldsWithDefaultsMayBeMissingAndExtraFieldsAreLeftOut() throws Exception {
        Map<String, Object> m = payment();
        m.remove("note");
        m.put("not_in_schema", true);
        Map<String, Object> back = codec.decode(codec.encode(m, "s", AvroCodec.parse(PAYMENT)));
        assertThat(back).containsEntry("note", null).doesNotContainKey("not_in_schema");
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        Map<String, Object> m = payment();
        m.remove("amount");
        assertThatThrownBy(() -> codec.encode(m, "s", AvroCodec.parse(PAYMENT)))
                .isInstanceOf(SchemaException.class)
                .hasMessage("field 'amount' is required by the schema but missing");
    }

    @Test
    void aWrongTypeNamesTheNestedField() {
        Map<String, Object> m = payment();
        m.put("customer", Map.of("country", 49L));
        assertThatThrownBy(() -> codec.encode(m, "s", AvroCodec.parse(PAYMENT)))
                .isInstanceOf(SchemaException.class)
                .hasMessage("field 'customer.country' must be string, was long 49");
        Map<String, Object> bad = payment();
        bad.put("status", "LOST");
        assertThatThrownBy(() -> codec.encode(bad, "s", AvroCodec.parse(PAYMENT)))
                .hasMessage("field 'status' must be one of [NEW, PAID], was the string \"LOST\"");
    }

    @Test
    void bytesNotInTheWireFormatAreRejected() {
        assertThatThrownBy(() -> codec.decode("{\"id\":1}".getBytes()))
                .isInstanceOf(SchemaException.class).hasMessageContaining("magic byte");
        assertThatThrownBy(() -> codec.decode(new byte[]{0, 0}))
                .isInstanceOf(SchemaException.class).hasMessageContaining("too short");
    }

    @Test
    void anUnknownSchemaIdOrTruncatedPayloadIsAnError() throws Exception {
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(42, new byte[]{2, 3})))
                .isInstanceOf(SchemaException.class).hasMessageContaining("42");
        byte[] good = codec.encode(payment(), "s", AvroCodec.parse(PAYMENT));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 4);
        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(SchemaException.class);
    }

    @Test
    void theSameSchemaIsRegisteredOnce() throws Exception {
        Schema schema = AvroCodec.parse(PAYMENT);
        codec.encode(payment(), "s", schema);
        codec.encode(payment(), "s", schema);
        Map<String, Object> other = new HashMap<>(payment());
        assertThat(WireFormat.schemaId(codec.encode(other, "s", schema))).isEqualTo(1);
    }
}
