package dev.weir.engine.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtobufCodecTest {

    private static final String PAYMENT = """
            syntax = "proto3";
            package shop;

            import "google/protobuf/timestamp.proto";
            import "google/protobuf/wrappers.proto";

            message Payment {
              string id = 1;
              double amount = 2;
              float rate = 3;
              int32 count = 4;
              int64 total = 5;
              uint32 u32 = 6;
              uint64 u64 = 7;
              sint32 s32 = 8;
              sint64 s64 = 9;
              fixed32 f32 = 10;
              fixed64 f64 = 11;
              sfixed32 sf32 = 12;
              sfixed64 sf64 = 13;
              bool paid = 14;
              bytes raw = 15;
              Status status = 16;
              Customer customer = 17;
              repeated string tags = 18;
              map<string, int64> attrs = 19;
              oneof method {
                string card = 20;
                string iban = 21;
              }
              google.protobuf.Timestamp at = 22;
              google.protobuf.StringValue note = 23;
              optional int32 priority = 24;
              repeated Line lines = 25;
              map<int32, Customer> by_id = 26;

              message Line {
                string sku = 1;
                int64 qty = 2;
              }
            }

            enum Status {
              NEW = 0;
              PAID = 1;
            }

            message Customer {
              string country = 1;
            }
            """;

    private final InMemorySchemas registry = new InMemorySchemas();
    private final ProtobufCodec codec = new ProtobufCodec(registry);

    private static Map<String, Object> payment() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "p-1");
        m.put("amount", 12.5);
        m.put("rate", 1.5);
        m.put("count", 3L);
        m.put("total", 6_000_000_000L);
        m.put("u32", 4_000_000_000L);
        m.put("u64", 5L);
        m.put("s32", -5L);
        m.put("s64", -6_000_000_000L);
        m.put("f32", 7L);
        m.put("f64", 8L);
        m.put("sf32", -9L);
        m.put("sf64", -10L);
        m.put("paid", true);
        m.put("raw", "AQID");
        m.put("status", "PAID");
        m.put("customer", Map.of("country", "DE"));
        m.put("tags", List.of("a", "b"));
        m.put("attrs", Map.of("x", 1L));
        m.put("card", "4111");
        m.put("iban", null);
        m.put("at", "2024-05-01T12:30:00.250Z");
        m.put("note", "gift");
        m.put("priority", 2L);
        m.put("lines", List.of(Map.of("sku", "s-1", "qty", 2L), Map.of("sku", "s-2", "qty", 1L)));
        m.put("by_id", Map.of("7", Map.of("country", "FR")));
        return m;
    }

    @Test
    void roundTripsEveryKindOfValueInTheWireFormat() throws Exception {
        byte[] bytes = codec.encode(payment(), "payments-value", PAYMENT, "Payment");
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(1);
        assertThat(bytes[WireFormat.HEADER]).as("message indexes [0], written as one 0 byte").isEqualTo((byte) 0);
        assertThat(codec.decode(bytes)).isEqualTo(payment());
    }

    @Test
    void unsetFieldsReadAsDefaultsOrNullWhenTheyTrackPresence() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "p-2");
        m.put("not_in_schema", true);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", "p-2");
        expected.put("amount", 0.0);
        expected.put("rate", 0.0);
        for (String f : List.of("count", "total", "u32", "u64", "s32", "s64", "f32", "f64", "sf32", "sf64")) {
            expected.put(f, 0L);
        }
        expected.put("paid", false);
        expected.put("raw", "");
        expected.put("status", "NEW");
        expected.put("customer", null);
        expected.put("tags", List.of());
        expected.put("attrs", Map.of());
        expected.put("card", null);
        expected.put("iban", null);
        expected.put("at", null);
        expected.put("note", null);
        expected.put("priority", null);
        expected.put("lines", List.of());
        expected.put("by_id", Map.of());
        Map<String, Object> back = codec.decode(codec.encode(m, "s", PAYMENT, "shop.Payment"));
        assertThat(back).isEqualTo(expected);
        assertThat(back.keySet()).containsExactlyElementsOf(expected.keySet());
    }

    @Test
    void messageIndexesPickTheSecondMessageAndANestedOne() throws Exception {
        byte[] customer = codec.encode(Map.of("country", "DE"), "s", PAYMENT, "Customer");
        // indexes [1]: count 1 and index 1, zigzag-encoded (the enum between does not count)
        assertThat(customer).containsExactly(0, 0, 0, 0, 1, 2, 2, 0x0A, 2, 'D', 'E');
        assertThat(codec.decode(customer)).isEqualTo(Map.of("country", "DE"));

        byte[] line = codec.encode(Map.of("sku", "x", "qty", 3L), "s", PAYMENT, "Payment.Line");
        assertThat(line).containsExactly(0, 0, 0, 0, 1, 4, 0, 0, 0x0A, 1, 'x', 0x10, 3);
        assertThat(codec.decode(line)).isEqualTo(Map.of("sku", "x", "qty", 3L));

        // [0] spelled out in full rather than as the single 0 byte
        byte[] longForm = WireFormat.frame(1, new byte[]{2, 0, 0x0A, 3, 'p', '-', '9'});
        assertThat(codec.decode(longForm)).containsEntry("id", "p-9").containsEntry("amount", 0.0);
    }

    @Test
    void decodesWhatProtobufJavaWritesForAProtocBuiltDescriptor() throws Exception {
        String orderProto = """
                syntax = "proto3";
                package shop;
                message Order {
                  string id = 1;
                  repeated int32 qty = 2;
                  map<string, string> labels = 3;
                  Kind kind = 4;
                  enum Kind { STANDARD = 0; EXPRESS = 1; }
                }
                """;
        // The descriptor as protoc would describe that file, built without the .proto parser.
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("order.proto").setPackage("shop")
                .setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("Order")
                        .addField(field("id", 1, Type.TYPE_STRING, Label.LABEL_OPTIONAL, null))
                        .addField(field("qty", 2, Type.TYPE_INT32, Label.LABEL_REPEATED, null))
                        .addField(field("labels", 3, Type.TYPE_MESSAGE, Label.LABEL_REPEATED, ".shop.Order.LabelsEntry"))
                        .addField(field("kind", 4, Type.TYPE_ENUM, Label.LABEL_OPTIONAL, ".shop.Order.Kind"))
                        .addNestedType(DescriptorProto.newBuilder().setName("LabelsEntry")
                                .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                                .addField(field("key", 1, Type.TYPE_STRING, Label.LABEL_OPTIONAL, null))
                                .addField(field("value", 2, Type.TYPE_STRING, Label.LABEL_OPTIONAL, null)))
                        .addEnumType(EnumDescriptorProto.newBuilder().setName("Kind")
                                .addValue(EnumValueDescriptorProto.newBuilder().setName("STANDARD").setNumber(0))
                                .addValue(EnumValueDescriptorProto.newBuilder().setName("EXPRESS").setNumber(1))))
                .build();
        Descriptor order = FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Order");
        Descriptor entry = order.findNestedTypeByName("LabelsEntry");
        DynamicMessage message = DynamicMessage.newBuilder(order)
                .setField(order.findFieldByName("id"), "o-1")
                .addRepeatedField(order.findFieldByName("qty"), 2)
                .addRepeatedField(order.findFieldByName("qty"), -1)
                .addRepeatedField(order.findFieldByName("labels"), DynamicMessage.newBuilder(entry)
                        .setField(entry.findFieldByName("key"), "gift").setField(entry.findFieldByName("value"), "yes").build())
                .setField(order.findFieldByName("kind"), order.findEnumTypeByName("Kind").findValueByName("EXPRESS"))
                .build();
        int id = registry.register("orders-value", "PROTOBUF", orderProto);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        message.writeTo(body);

        assertThat(codec.decode(WireFormat.frame(id, body.toByteArray()))).isEqualTo(Map.of(
                "id", "o-1", "qty", List.of(2L, -1L), "labels", Map.of("gift", "yes"), "kind", "EXPRESS"));
        byte[] ours = codec.encode(codec.decode(WireFormat.frame(id, body.toByteArray())), "orders-value", orderProto, "Order");
        assertThat(DynamicMessage.parseFrom(order, ByteString.copyFrom(ours, 6, ours.length - 6))).isEqualTo(message);
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type, Label label, String typeName) {
        FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(label);
        return typeName == null ? f : f.setTypeName(typeName);
    }

    @Test
    void importsAreResolvedFromTheSchemaReferences() throws Exception {
        String money = """
                syntax = "proto3";
                package common;
                message Money { string currency = 1; int64 units = 2; }
                """;
        String invoice = """
                syntax = "proto3";
                package shop;
                import "common/money.proto";
                message Invoice { string id = 1; common.Money total = 2; }
                """;
        int id = registry.add("PROTOBUF", invoice, Map.of("common/money.proto", money));
        byte[] bytes = WireFormat.frame(id, new byte[]{0, 0x0A, 3, 'i', '-', '1', 0x12, 7, 0x0A, 3, 'E', 'U', 'R', 0x10, 12});
        assertThat(codec.decode(bytes)).isEqualTo(Map.of("id", "i-1", "total", Map.of("currency", "EUR", "units", 12L)));

        int unresolved = registry.add("PROTOBUF", invoice, Map.of());
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(unresolved, new byte[]{0})))
                .isInstanceOf(SchemaException.class)
                .hasMessage("schema " + unresolved + " is not valid Protobuf: schema.proto imports \"common/money.proto\","
                        + " which is neither among the schema's references nor a well-known google/protobuf file");
    }

    @Test
    void aWrongTypeNamesTheField() {
        assertEncodeFails("amount", "x", "field 'amount' must be double, was the string \"x\"");
        assertEncodeFails("customer", Map.of("country", 49L), "field 'customer.country' must be string, was long 49");
        assertEncodeFails("status", "LOST", "field 'status' must be one of [NEW, PAID], was the string \"LOST\"");
        assertEncodeFails("count", 3_000_000_000L, "field 'count' must be int32, was long 3000000000");
        assertEncodeFails("u32", -1L, "field 'u32' must be uint32, was long -1");
        assertEncodeFails("tags", "a", "field 'tags' must be a list of string, was the string \"a\"");
        assertEncodeFails("lines", List.of(Map.of("qty", "2")), "field 'lines[0].qty' must be int64, was the string \"2\"");
        assertEncodeFails("at", "yesterday", "field 'at' must be an ISO-8601 timestamp, was the string \"yesterday\"");
        assertEncodeFails("by_id", Map.of("x", Map.of()), "keys of field 'by_id' must be int32, one was the string \"x\"");
        assertEncodeFails("iban", "DE00", "fields 'card' and 'iban' are both in oneof 'method': set one of them at most");
        assertThatThrownBy(() -> codec.encode(payment(), "s", PAYMENT, "Nope"))
                .isInstanceOf(SchemaException.class).hasMessage("the Protobuf schema has no message Nope");
    }

    private void assertEncodeFails(String field, Object value, String message) {
        Map<String, Object> m = payment();
        m.put(field, value);
        assertThatThrownBy(() -> codec.encode(m, "s", PAYMENT, "Payment"))
                .isInstanceOf(SchemaException.class).hasMessage(message);
    }

    @Test
    void bytesNotInTheWireFormatOrNotOfTheirSchemaAreRejected() {
        int id = registry.register("payments-value", "PROTOBUF", PAYMENT);
        assertThatThrownBy(() -> codec.decode("{\"id\":1}".getBytes()))
                .isInstanceOf(SchemaException.class).hasMessageContaining("magic byte");
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(42, new byte[]{0})))
                .isInstanceOf(SchemaException.class).hasMessage("schema 42 not found");
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(id, new byte[]{0, 0x0A, 5, 'a'})))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("cannot decode Protobuf shop.Payment with schema " + id + ": ");
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(id, new byte[]{2, 18})))
                .isInstanceOf(SchemaException.class).hasMessage("message indexes [9] name no message of schema " + id);
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(id, new byte[0])))
                .isInstanceOf(SchemaException.class)
                .hasMessage("bad message indexes after the schema id: not written by a Protobuf serializer");
        int avro = registry.register("x", "AVRO", "\"string\"");
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(avro, new byte[]{0})))
                .isInstanceOf(SchemaException.class).hasMessage("schema " + avro + " is AVRO, not PROTOBUF");
    }

    @Test
    void schemaErrorsPointAtTheLineAndColumn() {
        String syntax = """
                syntax = "proto3";
                message A {
                  string id = ;
                }
                """;
        assertThatThrownBy(() -> codec.encode(Map.of(), "s", syntax, "A"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("invalid Protobuf schema: syntax error at schema.proto:3:15: expected a word");
        int id = registry.register("s", "PROTOBUF", syntax);
        assertThatThrownBy(() -> codec.decode(WireFormat.frame(id, new byte[]{0})))
                .isInstanceOf(SchemaException.class)
                .hasMessage("schema " + id + " is not valid Protobuf: syntax error at schema.proto:3:15: expected a word");

        String unknownType = """
                syntax = "proto3";
                package shop;
                message A {
                  string id = 1;
                  Missing m = 2;
                }
                """;
        assertThatThrownBy(() -> ProtobufCodec.check(unknownType, "A"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("invalid Protobuf schema: schema.proto:5:3: shop.A.m: \"Missing\" is not defined.");
    }

    @Test
    void eachSchemaIsRegisteredOnce() throws Exception {
        codec.encode(payment(), "s", PAYMENT, "Payment");
        codec.encode(payment(), "s", PAYMENT, "Customer");
        assertThat(WireFormat.schemaId(codec.encode(payment(), "s", PAYMENT, "Payment"))).isEqualTo(1);
    }
}
