package dev.weir.registry.core;

import dev.weir.registry.format.AvroFormat;
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

/** Every compatibility level with Avro schemas, as the Confluent documentation defines them. */
class CompatibilityTest {

    private static final AvroFormat AVRO = new AvroFormat();

    private static final String A = "{\"name\":\"a\",\"type\":\"int\"}";
    private static final String B = "{\"name\":\"b\",\"type\":\"string\"}";
    private static final String B_DEFAULT = "{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}";

    private static String record(String... fields) {
        return "{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + String.join(",", fields) + "]}";
    }

    private static List<String> problems(CompatibilityLevel level, String candidate, String... previous) {
        List<Compatibility.Previous> old = new ArrayList<>();
        for (int i = 0; i < previous.length; i++) {
            old.add(new Compatibility.Previous(i + 1, AvroFormat.TYPE, SchemaText.of(previous[i])));
        }
        return Compatibility.problems(level, AVRO, SchemaText.of(candidate), old);
    }

    @Test
    void backwardAcceptsAnAddedFieldWithADefault() {
        assertThat(problems(BACKWARD, record(A, B_DEFAULT), record(A))).isEmpty();
    }

    @Test
    void backwardRefusesAnAddedFieldWithoutADefault() {
        assertThat(problems(BACKWARD, record(A, B), record(A)))
                .anySatisfy(p -> assertThat(p).contains("cannot read data written with version 1").contains("field 'b'"))
                .last().isEqualTo("{compatibility: 'BACKWARD'}");
    }

    @Test
    void backwardAcceptsARemovedFieldButForwardDoesNotWithoutADefault() {
        assertThat(problems(BACKWARD, record(A), record(A, B))).isEmpty();
        assertThat(problems(FORWARD, record(A), record(A, B)))
                .anySatisfy(p -> assertThat(p).contains("version 1 cannot read data written with the new schema").contains("'b'"));
        assertThat(problems(FORWARD, record(A), record(A, B_DEFAULT))).isEmpty();
    }

    @Test
    void forwardAcceptsAnAddedFieldWithoutADefault() {
        assertThat(problems(FORWARD, record(A, B), record(A))).isEmpty();
    }

    @Test
    void fullNeedsBothDirections() {
        assertThat(problems(FULL, record(A, B_DEFAULT), record(A))).isEmpty();
        assertThat(problems(FULL, record(A, B), record(A))).isNotEmpty();
        assertThat(problems(FULL, record(A), record(A, B))).isNotEmpty();
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersionNotOnlyTheLatest() {
        // v2 gave b a default; v3 drops the default: fine against v2, not against v1 (which has no b).
        String v1 = record(A);
        String v2 = record(A, B_DEFAULT);
        String v3 = record(A, B);

        assertThat(problems(BACKWARD, v3, v1, v2)).isEmpty();
        assertThat(problems(BACKWARD_TRANSITIVE, v3, v1, v2)).anySatisfy(p -> assertThat(p).contains("version 1"));
        assertThat(problems(FULL, v2, v1)).isEmpty();
        assertThat(problems(FULL_TRANSITIVE, v3, v1, v2)).isNotEmpty();
    }

    @Test
    void forwardTransitiveChecksThatEveryEarlierReaderCanReadTheNewSchema() {
        // v1 readers need b; v2 keeps it with a default; v3 removes it: v2 copes, v1 does not.
        String v1 = record(A, B);
        String v2 = record(A, B_DEFAULT);
        String v3 = record(A);

        assertThat(problems(FORWARD, v3, v1, v2)).isEmpty();
        assertThat(problems(FORWARD_TRANSITIVE, v3, v1, v2)).anySatisfy(p -> assertThat(p).startsWith("version 1 cannot read"));
    }

    @Test
    void noneAcceptsAnythingAndAFirstVersionIsAlwaysCompatible() {
        assertThat(problems(NONE, record(B), record(A))).isEmpty();
        assertThat(problems(FULL_TRANSITIVE, record(B))).isEmpty();
    }

    @Test
    void aSchemaOfAnotherTypeIsIncompatible() {
        List<Compatibility.Previous> json = List.of(new Compatibility.Previous(1, "JSON", SchemaText.of("{}")));

        assertThat(Compatibility.problems(BACKWARD, AVRO, SchemaText.of(record(A)), json))
                .first().asString().contains("type AVRO but version 1 is of type JSON");
    }
}
