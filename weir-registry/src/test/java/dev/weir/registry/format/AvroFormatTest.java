package dev.weir.registry.format;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroFormatTest {

    private final AvroFormat avro = new AvroFormat();

    private static final String USER = "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";

    @Test
    void whitespaceAndAttributeOrderDoNotChangeTheCanonicalText() {
        String reordered = "{ \"fields\" : [ { \"type\" : \"string\", \"name\" : \"name\" } ],\n \"name\" : \"User\", \"type\" : \"record\" }";

        assertThat(avro.canonicalize(SchemaText.of(reordered))).isEqualTo(avro.canonicalize(SchemaText.of(USER))).isEqualTo(USER);
    }

    @Test
    void docAndDefaultsAreKeptInTheIdentity() {
        String documented = USER.replace("\"name\":\"User\",", "\"name\":\"User\",\"doc\":\"a person\",");

        assertThat(avro.canonicalize(SchemaText.of(documented))).isNotEqualTo(avro.canonicalize(SchemaText.of(USER)));
    }

    @Test
    void invalidSchemasAreRefusedWithTheReason() {
        assertThatThrownBy(() -> avro.canonicalize(SchemaText.of("{\"type\":\"recor\"}")))
                .isInstanceOf(InvalidSchemaException.class).hasMessageStartingWith("invalid Avro schema");
        assertThatThrownBy(() -> avro.canonicalize(SchemaText.of(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}")))
                .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("Invalid default for field a");
    }

    @Test
    void referencedTypesAreKnownAndWrittenByName() {
        String address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"acme\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}";
        String geo = "{\"type\":\"record\",\"name\":\"Geo\",\"namespace\":\"acme\",\"fields\":[{\"name\":\"at\",\"type\":\"Address\"}]}";
        String person = "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"acme\",\"fields\":[{\"name\":\"geo\",\"type\":\"Geo\"}]}";

        String canonical = avro.canonicalize(new SchemaText(person, Map.of("acme.Geo", geo, "acme.Address", address)));

        assertThat(canonical).isEqualTo(person);
        assertThatThrownBy(() -> avro.canonicalize(SchemaText.of(person))).isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("acme.Geo");
    }

    @Test
    void readerProblemsNameTheField() {
        String v1 = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"inner\",\"type\":"
                + "{\"type\":\"record\",\"name\":\"I\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}}]}";
        String v2 = v1.replace("{\"name\":\"a\",\"type\":\"int\"}", "{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}");
        String v3 = v1.replace("\"type\":\"int\"", "\"type\":\"string\"");

        assertThat(avro.readerProblems(SchemaText.of(v2), SchemaText.of(v1))).singleElement().asString()
                .contains("field 'inner.b'").contains("without a default value");
        assertThat(avro.readerProblems(SchemaText.of(v3), SchemaText.of(v1))).singleElement().asString()
                .contains("field 'inner.a'").contains("type mismatch");
        assertThat(avro.readerProblems(SchemaText.of(v1), SchemaText.of(v2))).isEmpty();
    }
}
