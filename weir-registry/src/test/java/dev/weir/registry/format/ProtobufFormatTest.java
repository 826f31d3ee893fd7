package dev.weir.registry.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtobufFormatTest {

    private final ProtobufFormat format = new ProtobufFormat();

    private static String proto3(String body) {
        return "syntax = \"proto3\";\npackage acme;\n\n" + body;
    }

    private static String proto2(String body) {
        return "syntax = \"proto2\";\npackage acme;\n\n" + body;
    }

    private static String order(String fields) {
        return proto3("message Order {\n" + fields + "\n}\n");
    }

    private List<String> readerProblems(String reader, String writer) {
        return format.readerProblems(SchemaText.of(reader), SchemaText.of(writer));
    }

    private String canonical(String schema) {
        return format.canonicalize(SchemaText.of(schema));
    }

    private void assertInvalid(String schema, String message) {
        assertThatThrownBy(() -> canonical(schema)).isInstanceOf(InvalidSchemaException.class).hasMessage(message);
    }

    // canonicalization

    @Test
    void canonicalTextIsWiresNormalizedFormatting() {
        assertThat(canonical("syntax=\"proto3\"; package acme; message Order { string id=1; double amount = 3; }"))
                .isEqualTo("""
                        syntax = "proto3";

                        package acme;

                        message Order {
                          string id = 1;

                          double amount = 3;
                        }
                        """);
    }

    @Test
    void formattingDoesNotChangeIdentity() {
        assertThat(canonical(order("  string id = 1;\n  double amount = 3;")))
                .isEqualTo(canonical("syntax = 'proto3'; package acme;\nmessage Order { string id = 1;   double amount=3; }".replace('\'', '"')));
    }

    @Test
    void differentSchemasHaveDifferentCanonicalTexts() {
        assertThat(canonical(order("string id = 1;"))).isNotEqualTo(canonical(order("string id = 2;")));
    }

    // invalid schemas

    @Test
    void aSyntaxErrorIsRejectedWithLineAndColumn() {
        assertInvalid(order("  string id = 1\n"), "syntax error at 7:2: expected ';' but was '}'");
    }

    @Test
    void anEmptySchemaIsRejected() {
        assertInvalid(" \n", "the schema text is empty");
    }

    @Test
    void aTypeDefinedTwiceIsRejected() {
        assertInvalid(proto3("message Order {}\nmessage Order {}\n"), "at 5:1: Order is already defined at 4:1");
    }

    @Test
    void anUnknownTypeIsRejectedWithTheClosestDeclaredOne() {
        assertInvalid(proto3("message Customer {}\nmessage Order {\n  Custmer customer = 1;\n}\n"),
                "at 6:3: Order.customer (field 1): unknown type Custmer (did you mean Customer?)");
    }

    @Test
    void aFieldNumberUsedTwiceIsRejected() {
        assertInvalid(order("  string id = 1;\n  int32 count = 1;"), "at 6:3: Order.count (field 1): number already used by id");
    }

    @Test
    void aReservedFieldNumberIsRejected() {
        assertInvalid(order("  reserved 2 to 4;\n  string note = 3;"), "at 6:3: Order.note (field 3): its number or name is reserved");
    }

    @Test
    void anImportThatIsNotAReferenceIsRejected() {
        assertInvalid(proto3("import \"money.proto\";\nmessage Order {}\n"), "import \"money.proto\" is not among the schema's references");
    }

    @Test
    void wellKnownImportsNeedNoReference() {
        assertThat(canonical(proto3("import \"google/protobuf/timestamp.proto\";\nmessage Order {\n  google.protobuf.Timestamp at = 1;\n}\n")))
                .contains("google.protobuf.Timestamp at = 1;");
    }

    // references

    private static final String MONEY_V1 = "syntax = \"proto3\";\npackage acme.common;\nmessage Money {\n  int64 units = 1;\n}\n";
    private static final String MONEY_V2 = "syntax = \"proto3\";\npackage acme.common;\nmessage Money {\n  string units = 1;\n}\n";
    private static final String ORDER_WITH_MONEY =
            proto3("import \"money.proto\";\nmessage Order {\n  acme.common.Money price = 2;\n}\n");

    @Test
    void importsResolveToTheSchemasReferences() {
        assertThat(format.canonicalize(new SchemaText(ORDER_WITH_MONEY, Map.of("money.proto", MONEY_V1))))
                .contains("import \"money.proto\";", "acme.common.Money price = 2;");
    }

    @Test
    void aChangeInAnImportedMessageIsFound() {
        SchemaText reader = new SchemaText(ORDER_WITH_MONEY, Map.of("money.proto", MONEY_V2));
        SchemaText writer = new SchemaText(ORDER_WITH_MONEY, Map.of("money.proto", MONEY_V1));

        assertThat(format.readerProblems(reader, writer)).containsExactly("Money.units (field 1): type changed from int64 to string");
    }

    // messages and fields

    @Test
    void identicalSchemasHaveNoProblems() {
        assertThat(readerProblems(order("string id = 1;"), order("string id = 1;"))).isEmpty();
    }

    @Test
    void removingAMessageBreaksItsReaders() {
        assertThat(readerProblems(order("string id = 1;"), order("string id = 1;") + "message Refund {\n  string id = 1;\n}\n"))
                .containsExactly("Refund: message removed");
    }

    @Test
    void removingANestedMessageBreaksItsReaders() {
        assertThat(readerProblems(order("string id = 1;"), order("string id = 1;\n  message Line {\n    string sku = 1;\n  }")))
                .containsExactly("Order.Line: message removed");
    }

    @Test
    void addingMessagesAndFieldsKeepsReadersWorking() {
        assertThat(readerProblems(order("string id = 1;\n  string note = 2;") + "message Refund {}\n", order("string id = 1;"))).isEmpty();
    }

    @Test
    void removingAnOptionalFieldKeepsReadersWorking() {
        assertThat(readerProblems(order("string id = 1;"), order("string id = 1;\n  string note = 2;"))).isEmpty();
    }

    @Test
    void renamingAFieldKeepsReadersWorking() {
        assertThat(readerProblems(order("string reference = 1;"), order("string id = 1;"))).isEmpty();
    }

    @Test
    void changingAFieldTypeAcrossEncodingsBreaksReaders() {
        assertThat(readerProblems(order("string amount = 3;"), order("double amount = 3;")))
                .containsExactly("Order.amount (field 3): type changed from double to string");
    }

    @Test
    void reusingAFieldNumberWithAnotherTypeBreaksReaders() {
        assertThat(readerProblems(order("int64 count = 4;"), order("string note = 4;")))
                .containsExactly("Order.count (field 4, was note): type changed from string to int64");
    }

    @Test
    void varintTypesAndEnumsReadEachOther() {
        String reader = order("int64 a = 1;\n  uint64 b = 2;\n  bool c = 3;\n  int32 d = 4;") + "enum Status {\n  NEW = 0;\n}\n";
        String writer = order("int32 a = 1;\n  uint32 b = 2;\n  int64 c = 3;\n  Status d = 4;") + "enum Status {\n  NEW = 0;\n}\n";

        assertThat(readerProblems(reader, writer)).isEmpty();
    }

    @Test
    void zigzagTypesReadOnlyEachOther() {
        assertThat(readerProblems(order("sint64 a = 1;"), order("sint32 a = 1;"))).isEmpty();
        assertThat(readerProblems(order("int32 a = 1;"), order("sint32 a = 1;")))
                .containsExactly("Order.a (field 1): type changed from sint32 to int32");
    }

    @Test
    void fixedTypesReadOnlyTheirOwnWidth() {
        assertThat(readerProblems(order("sfixed32 a = 1;\n  sfixed64 b = 2;"), order("fixed32 a = 1;\n  fixed64 b = 2;"))).isEmpty();
        assertThat(readerProblems(order("fixed64 a = 1;"), order("fixed32 a = 1;")))
                .containsExactly("Order.a (field 1): type changed from fixed32 to fixed64");
    }

    @Test
    void stringsAndBytesReadEachOther() {
        assertThat(readerProblems(order("bytes a = 1;"), order("string a = 1;"))).isEmpty();
        assertThat(readerProblems(order("string a = 1;"), order("bytes a = 1;"))).isEmpty();
    }

    @Test
    void anEmbeddedMessageAndBytesReadEachOther() {
        String money = "message Money {\n  int64 units = 1;\n}\n";

        assertThat(readerProblems(order("bytes price = 2;") + money, order("Money price = 2;") + money)).isEmpty();
        assertThat(readerProblems(order("Money price = 2;") + money, order("bytes price = 2;") + money)).isEmpty();
    }

    @Test
    void changingAFieldToAnotherMessageTypeBreaksReaders() {
        String types = "message Money {}\nmessage Price {}\n";

        assertThat(readerProblems(order("Price price = 2;") + types, order("Money price = 2;") + types))
                .containsExactly("Order.price (field 2): type changed from Money to Price");
    }

    @Test
    void changingAMapValueTypeBreaksReaders() {
        assertThat(readerProblems(order("map<string, int64> totals = 5;"), order("map<string, int32> totals = 5;"))).isEmpty();
        assertThat(readerProblems(order("map<string, string> totals = 5;"), order("map<string, int32> totals = 5;")))
                .containsExactly("Order.totals (field 5): type changed from map<string, int32> to map<string, string>");
    }

    @Test
    void makingANumericFieldRepeatedBreaksReaders() {
        assertThat(readerProblems(order("repeated int32 quantity = 4;"), order("int32 quantity = 4;")))
                .containsExactly("Order.quantity (field 4): label changed from optional to repeated");
    }

    @Test
    void makingAStringOrMessageFieldRepeatedKeepsReadersWorking() {
        String money = "message Money {}\n";

        assertThat(readerProblems(order("repeated string tags = 4;\n  repeated Money prices = 5;") + money,
                order("string tags = 4;\n  Money prices = 5;") + money)).isEmpty();
    }

    @Test
    void changingThePackageBreaksReaders() {
        assertThat(readerProblems(order("string id = 1;").replace("package acme;", "package acme.v2;"), order("string id = 1;")))
                .containsExactly("package changed from acme to acme.v2");
    }

    @Test
    void enumValuesMayBeAddedRemovedOrRenamed() {
        String reader = proto3("enum Status {\n  UNKNOWN = 0;\n  PAID = 1;\n  SHIPPED = 3;\n}\n");
        String writer = proto3("enum Status {\n  UNKNOWN = 0;\n  SETTLED = 1;\n  CANCELLED = 2;\n}\n");

        assertThat(readerProblems(reader, writer)).isEmpty();
    }

    // proto2 required fields

    @Test
    void addingARequiredFieldBreaksReaders() {
        assertThat(readerProblems(proto2("message Order {\n  required string id = 1;\n}\n"), proto2("message Order {\n}\n")))
                .containsExactly("Order.id (field 1): required field added");
    }

    @Test
    void removingARequiredFieldBreaksReaders() {
        assertThat(readerProblems(proto2("message Order {\n}\n"), proto2("message Order {\n  required string id = 1;\n}\n")))
                .containsExactly("Order.id (field 1): required field removed");
    }

    @Test
    void makingAnOptionalFieldRequiredBreaksReaders() {
        assertThat(readerProblems(proto2("message Order {\n  required string id = 1;\n}\n"), proto2("message Order {\n  optional string id = 1;\n}\n")))
                .containsExactly("Order.id (field 1): label changed from optional to required");
    }

    @Test
    void relaxingARequiredFieldKeepsReadersWorking() {
        assertThat(readerProblems(proto2("message Order {\n  optional string id = 1;\n}\n"), proto2("message Order {\n  required string id = 1;\n}\n")))
                .isEmpty();
    }

    // oneofs

    @Test
    void movingOneFieldIntoANewOneofKeepsReadersWorking() {
        assertThat(readerProblems(order("oneof payment {\n    string card = 2;\n    string iban = 3;\n  }"), order("string card = 2;"))).isEmpty();
    }

    @Test
    void movingSeveralFieldsIntoAOneofBreaksReaders() {
        assertThat(readerProblems(order("oneof payment {\n    string card = 2;\n    string iban = 3;\n  }"), order("string card = 2;\n  string iban = 3;")))
                .containsExactly("Order.payment (oneof): several fields moved into it: card (2), iban (3)");
    }

    @Test
    void movingAFieldIntoAnExistingOneofBreaksReaders() {
        assertThat(readerProblems(order("oneof payment {\n    string card = 2;\n    string iban = 3;\n  }"),
                order("string iban = 3;\n  oneof payment {\n    string card = 2;\n  }")))
                .containsExactly("Order.payment (oneof): field iban (3) moved into this existing oneof");
    }

    @Test
    void removingAFieldFromAOneofBreaksReaders() {
        assertThat(readerProblems(order("oneof payment {\n    string card = 2;\n  }"), order("oneof payment {\n    string card = 2;\n    string iban = 3;\n  }")))
                .containsExactly("Order.iban (field 3): removed from oneof payment");
    }

    @Test
    void addingAFieldToAOneofOrMovingOneOutKeepsReadersWorking() {
        String both = order("oneof payment {\n    string card = 2;\n    string iban = 3;\n  }");

        assertThat(readerProblems(both, order("oneof payment {\n    string card = 2;\n  }"))).isEmpty();
        assertThat(readerProblems(order("string card = 2;\n  string iban = 3;"), both)).isEmpty();
    }
}
