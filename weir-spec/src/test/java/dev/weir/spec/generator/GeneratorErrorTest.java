package dev.weir.spec.generator;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.weir.spec.generator.GeneratorParseTest.parse;
import static dev.weir.spec.generator.GeneratorParseTest.withFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GeneratorErrorTest {

    /** The single diagnostic that parsing {@code text} reports. */
    static Diagnostic error(String text) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> parse(text));
        assertThat(e).as("expected a SpecException").isNotNull();
        assertThat(e.diagnostics()).hasSize(1);
        return e.diagnostics().get(0);
    }

    // The fields start on line 7 of withFields(...), each indented by 4 columns.

    @Test
    void unknownFieldKindNamesTheClosestAndAllKinds() {
        Diagnostic d = error(withFields("amount: { lognormall: { median: 40 } }"));
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:7:15");
        assertThat(d.message()).isEqualTo("unknown generator kind 'lognormall' in field 'amount'");
        assertThat(d.hint()).get().asString().startsWith("did you mean 'lognormal'?")
                .contains("uuid, sequence, uniform, normal, lognormal, choice, weighted, fake, timestamp");
    }

    @Test
    void unrelatedKindNameListsTheKinds() {
        Diagnostic d = error(withFields("x: { zzzzzzzz: 1 }"));
        assertThat(d.message()).isEqualTo("unknown generator kind 'zzzzzzzz' in field 'x'");
        assertThat(d.hint()).get().asString().startsWith("generator kinds: uuid, sequence");
    }

    @Test
    void unknownKeyInsideAKindsOptions() {
        Diagnostic d = error(withFields("""
                id: { uuid: {} }
                amount: { uniform: { min: 1, maxx: 9 } }
                """));
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:8:34");
        assertThat(d.message()).isEqualTo("unknown field 'maxx' in 'uniform' of field 'amount'");
        assertThat(d.hint()).contains("did you mean 'max'?");
    }

    @Test
    void missingRequiredOption() {
        Diagnostic d = error(withFields("amount: { uniform: { min: 1 } }"));
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:7:24");
        assertThat(d.message()).isEqualTo("'uniform' of field 'amount' is missing required field 'max'");
    }

    @Test
    void misspeltModifier() {
        Diagnostic d = error(withFields("amount: { lognormal: { median: 40 }, rond: 2 }"));
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:7:42");
        assertThat(d.message()).isEqualTo("unknown field 'rond' in field 'amount'");
        assertThat(d.hint()).contains("did you mean 'round'?");
    }

    @Test
    void jitterOnlyForTimestamps() {
        Diagnostic d = error(withFields("n: { uuid: {}, jitter: 5s }"));
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:7:20");
        assertThat(d.message()).isEqualTo("unknown field 'jitter' in field 'n'");
    }

    @Test
    void wrongTypes() {
        assertThat(error(withFields("a: { normal: { mean: x, stddev: 1 } }")).message())
                .isEqualTo("'mean' must be a number, found a string");
        assertThat(error(withFields("a: { boolean: 1.5 }")).message())
                .isEqualTo("'boolean' must be between 0 and 1, found 1.5");
        assertThat(error(withFields("a: { choice: x }")).message()).isEqualTo("'choice' must be a list, found a string");
        assertThat(error(withFields("a: 5")).message())
                .isEqualTo("field 'a' must be a mapping naming a generator kind, found an integer");
    }

    @Test
    void twoKindsInOneField() {
        Diagnostic d = error(withFields("a: { uuid: {}, constant: 1 }"));
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:7:20");
        assertThat(d.message()).isEqualTo("field 'a' has two generator kinds: 'uuid' and 'constant'");
    }

    @Test
    void unknownFakeKindAndTimestampStyle() {
        Diagnostic fake = error(withFields("a: { fake: emial }"));
        assertThat(fake.position().toString()).isEqualTo("generators/x.yaml:7:16");
        assertThat(fake.message()).isEqualTo("unknown fake kind 'emial'");
        assertThat(fake.hint()).contains("did you mean 'email'?");
        Diagnostic ts = error(withFields("a: { timestamp: epoch_milis }"));
        assertThat(ts.hint()).contains("did you mean 'epoch_millis'?");
    }

    @Test
    void roundOnlyForNumbers() {
        Diagnostic d = error(withFields("a: { choice: [x], round: 2 }"));
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:7:23");
        assertThat(d.message()).isEqualTo("'round' applies only to numbers, and field 'a' is choice");
    }

    @Test
    void formatMustFitTheValues() {
        Diagnostic d = error(withFields("a: { lognormal: { median: 4 }, format: \"%d\" }"));
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:7:44");
        assertThat(d.message()).startsWith("format '%d' does not fit the values of field 'a'");
        // with round: 0 the values are integers, so %d fits
        assertThat(parse(withFields("a: { lognormal: { median: 4 }, round: 0, format: \"%d\" }")).fields()).hasSize(1);
    }

    @Test
    void sequenceThatNeverEnds() {
        Diagnostic d = error(withFields("a: { sequence: { start: 10, end: 5 } }"));
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:7:38");
        assertThat(d.message()).isEqualTo("the sequence never reaches 'end' 5 counting from 10 by 1");
    }

    @Test
    void badRate() {
        Diagnostic d = error("""
                apiVersion: weir.dev/v1
                kind: Generator
                metadata: { name: g }
                spec:
                  topic: t
                  rate: 0
                  fields: { a: { uuid: {} } }
                """);
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:6:9");
        assertThat(d.message()).isEqualTo("'rate' must be greater than 0, found 0");
    }

    @Test
    void badRecordsShareOutOfRange() {
        Diagnostic d = error("""
                apiVersion: weir.dev/v1
                kind: Generator
                metadata: { name: g }
                spec:
                  topic: t
                  badRecords: 2
                  fields: { a: { uuid: {} } }
                """);
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:6:15");
        assertThat(d.message()).isEqualTo("'badRecords' must be between 0 and 1, found 2.0");
    }

    @Test
    void keyMustNameADeclaredField() {
        Diagnostic d = error("""
                apiVersion: weir.dev/v1
                kind: Generator
                metadata: { name: g }
                spec:
                  topic: t
                  key: customerid
                  fields:
                    customer_id: { sequence: {} }
                    amount: { uniform: { min: 1, max: 2 } }
                """);
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:6:8");
        assertThat(d.message()).isEqualTo("'key' names no declared field: 'customerid'");
        assertThat(d.hint()).contains("did you mean 'customer_id'?");
    }

    @Test
    void unknownSpecKey() {
        Diagnostic d = error("""
                apiVersion: weir.dev/v1
                kind: Generator
                metadata: { name: g }
                spec:
                  topic: t
                  rat: 5
                  fields: { a: { uuid: {} } }
                """);
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:6:3");
        assertThat(d.message()).isEqualTo("unknown field 'rat' in generator spec");
        assertThat(d.hint()).contains("did you mean 'rate'?");
    }

    @Test
    void misspeltSpecKeyIsReportedBeforeTheMissingOne() {
        Diagnostic d = error("""
                apiVersion: weir.dev/v1
                kind: Generator
                metadata: { name: g }
                spec:
                  topic: t
                  field: { a: { uuid: {} } }
                """);
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:6:3");
        assertThat(d.hint()).contains("did you mean 'fields'?");
    }

    @Test
    void nestedErrorsCarryTheNestedPosition() {
        Diagnostic d = error(withFields("""
                address:
                  object:
                    zip: { uniform: { min: 1, max: 2, integr: true } }
                """));
        assertThat(d.position().toString()).isEqualTo("generators/x.yaml:9:43");
        assertThat(d.message()).isEqualTo("unknown field 'integr' in 'uniform' of field 'address.zip'");
    }

    @Test
    void loadsFromAProjectDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("weir.yaml"), "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: p }\n");
        Files.createDirectories(dir.resolve("generators"));
        Files.writeString(dir.resolve("generators/x.yaml"), GeneratorParseTest.FULL);
        Project project = ProjectLoader.load(dir, Map.of());
        assertThat(project.generators()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("transactions");
            assertThat(g.fields()).hasSize(17);
        });

        Files.writeString(dir.resolve("generators/x.yaml"), withFields("a: { unifrom: { min: 1, max: 2 } }"));
        SpecException e = catchThrowableOfType(SpecException.class, () -> ProjectLoader.load(dir, Map.of()));
        assertThat(e.getMessage()).startsWith("generators/x.yaml:7:10: error: unknown generator kind 'unifrom' in field 'a'");
    }
}
