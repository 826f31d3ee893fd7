package dev.weir.spec.docgen;

import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.step.StepTypes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The committed reference pages are exactly what the declarations make. With
 * {@code -Dweir.docs.update=true} the test writes them instead.
 */
class ReferenceDocsTest {

    /** Surefire runs in the module's directory. */
    private static final Path REFERENCE = Path.of("..", "docs", "reference");

    @Test
    void committedReferencePagesAreUpToDate() throws IOException {
        if (Boolean.getBoolean("weir.docs.update")) {
            ReferenceDocs.write(REFERENCE);
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> page : ReferenceDocs.pages().entrySet()) {
            Path file = REFERENCE.resolve(page.getKey());
            if (!Files.isRegularFile(file) || !Files.readString(file).equals(page.getValue())) {
                stale.add("docs/reference/" + page.getKey());
            }
        }
        if (!stale.isEmpty()) {
            fail("reference docs differ from the declarations: " + String.join(", ", stale)
                    + "\nUpdate them with: " + ReferenceDocs.UPDATE_COMMAND + "\nand commit the result.");
        }
    }

    @Test
    void everyStepHasASectionWithItsExample() {
        String steps = ReferenceDocs.steps();
        for (StepDoc d : StepTypes.docs()) {
            assertThat(steps).contains("\n## " + d.type() + "\n").contains(d.example().strip());
        }
        assertThat(steps).contains("| `window.tumbling` | duration | no |")
                .contains("- Exactly one of `window.tumbling`, `window.hopping`, `window.session` in `window`.")
                .contains("| `rules[].name` | string | yes |");
    }

    @Test
    void everyKindHasASectionAndGeneratorFieldsTheirOwn() {
        String resources = ReferenceDocs.resources();
        for (var d : ResourceKinds.all()) {
            assertThat(resources).contains("\n## " + d.kind() + "\n");
        }
        assertThat(resources).contains("### Generator field")
                .contains("| `sequence.start` | integer | no | `1` |")
                .contains("map of name to [generator field](#generator-field)")
                .contains("list of [step](steps.md)");
    }
}
