package dev.weir.registry.core;

import dev.weir.registry.format.JsonSchemaFormat;
import dev.weir.registry.format.ProtobufFormat;
import dev.weir.registry.format.SchemaFormat;
import dev.weir.registry.format.SchemaText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.weir.registry.core.CompatibilityLevel.BACKWARD;
import static dev.weir.registry.core.CompatibilityLevel.BACKWARD_TRANSITIVE;
import static dev.weir.registry.core.CompatibilityLevel.FORWARD;
import static dev.weir.registry.core.CompatibilityLevel.FORWARD_TRANSITIVE;
import static dev.weir.registry.core.CompatibilityLevel.FULL;
import static dev.weir.registry.core.CompatibilityLevel.FULL_TRANSITIVE;
import static dev.weir.registry.core.CompatibilityLevel.NONE;
import static org.assertj.core.api.Assertions.assertThat;

/** Every compatibility level with JSON Schema and Protobuf schemas, as with Avro in {@link CompatibilityTest}. */
class CompatibilityLevelsByTypeTest {

    private static List<String> problems(SchemaFormat format, CompatibilityLevel level, String candidate, String... previous) {
        List<Compatibility.Previous> old = new ArrayList<>();
        for (int i = 0; i < previous.length; i++) {
            old.add(new Compatibility.Previous(i + 1, format.type(), SchemaText.of(previous[i])));
        }
        return Compatibility.problems(level, format, SchemaText.of(candidate), old);
    }

    // JSON Schema: a looser limit lets new readers read old data (BACKWARD), not the other way round.
    private static final JsonSchemaFormat JSON = new JsonSchemaFormat();
    private static final String NAME_10 = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"maxLength\":10}}}";
    private static final String NAME_20 = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"maxLength\":20}}}";

    @Test
    void jsonSchemaLevelsFollowWhoReadsWhom() {
        assertThat(problems(JSON, BACKWARD, NAME_20, NAME_10)).isEmpty();
        assertThat(problems(JSON, FORWARD, NAME_20, NAME_10)).anySatisfy(p -> assertThat(p).contains("maxLength"));
        assertThat(problems(JSON, FULL, NAME_20, NAME_10)).isNotEmpty();
        assertThat(problems(JSON, FORWARD, NAME_10, NAME_20)).isEmpty();
        assertThat(problems(JSON, BACKWARD, NAME_10, NAME_20)).isNotEmpty();
        assertThat(problems(JSON, FULL, NAME_10, NAME_10)).isEmpty();
        assertThat(problems(JSON, NONE, NAME_10, NAME_20)).isEmpty();
    }

    @Test
    void jsonSchemaTransitiveLevelsCheckEveryEarlierVersion() {
        // Closed records. v2 requires b but gives it a default (fine for old data); v3 drops the default:
        // fine against v2 only.
        String v1 = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"additionalProperties\":false}";
        String v2 = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"string\",\"default\":\"x\"}},"
                + "\"required\":[\"b\"],\"additionalProperties\":false}";
        String v3 = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"string\"}},\"required\":[\"b\"],"
                + "\"additionalProperties\":false}";
        assertThat(problems(JSON, BACKWARD, v2, v1)).isEmpty();
        assertThat(problems(JSON, BACKWARD, v3, v1, v2)).isEmpty();
        assertThat(problems(JSON, BACKWARD_TRANSITIVE, v3, v1, v2)).anySatisfy(p -> assertThat(p).contains("version 1"));
        assertThat(problems(JSON, FULL_TRANSITIVE, v3, v1, v2)).isNotEmpty();
        assertThat(problems(JSON, FORWARD_TRANSITIVE, v1, v1, v1)).isEmpty();
    }

    // Protobuf: field 2 removed, then reused with another type.
    private static final ProtobufFormat PROTO = new ProtobufFormat();
    private static final String WITH_NOTE = "syntax = \"proto3\";\nmessage Order {\n  string id = 1;\n  string note = 2;\n}\n";
    private static final String WITHOUT_NOTE = "syntax = \"proto3\";\nmessage Order {\n  string id = 1;\n}\n";
    private static final String WITH_COUNT = "syntax = \"proto3\";\nmessage Order {\n  string id = 1;\n  int64 count = 2;\n}\n";

    @Test
    void protobufLevelsAndTransitiveChecks() {
        assertThat(problems(PROTO, BACKWARD, WITHOUT_NOTE, WITH_NOTE)).isEmpty();
        assertThat(problems(PROTO, FORWARD, WITHOUT_NOTE, WITH_NOTE)).isEmpty();
        assertThat(problems(PROTO, FULL, WITH_COUNT, WITHOUT_NOTE)).isEmpty();
        assertThat(problems(PROTO, BACKWARD, WITH_COUNT, WITH_NOTE))
                .anySatisfy(p -> assertThat(p).contains("field 2"));
        assertThat(problems(PROTO, FORWARD, WITH_COUNT, WITH_NOTE)).isNotEmpty();
        assertThat(problems(PROTO, BACKWARD, WITH_COUNT, WITH_NOTE, WITHOUT_NOTE)).isEmpty();
        assertThat(problems(PROTO, BACKWARD_TRANSITIVE, WITH_COUNT, WITH_NOTE, WITHOUT_NOTE))
                .anySatisfy(p -> assertThat(p).contains("version 1"));
        assertThat(problems(PROTO, FULL_TRANSITIVE, WITH_COUNT, WITH_NOTE, WITHOUT_NOTE)).isNotEmpty();
        assertThat(problems(PROTO, FORWARD_TRANSITIVE, WITH_COUNT, WITH_NOTE, WITHOUT_NOTE)).isNotEmpty();
        assertThat(problems(PROTO, NONE, WITH_COUNT, WITH_NOTE)).isEmpty();
    }
}
