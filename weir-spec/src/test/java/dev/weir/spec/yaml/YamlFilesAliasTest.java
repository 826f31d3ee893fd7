package dev.weir.spec.yaml;

import dev.weir.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Aliases that would make the loader recurse forever or expand a few lines into millions of values are errors. */
class YamlFilesAliasTest {

    private static final Interpolator ENV = new Interpolator(Map.of(), Path.of("."));

    @Test
    void anAliasInsideItsOwnAnchorIsAnErrorNotAStackOverflow() {
        assertThatThrownBy(() -> YamlFiles.parse("kind: Project\nloop: &loop { self: *loop }\n", "weir.yaml", ENV))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("weir.yaml:2:")
                .hasMessageContaining("an alias refers to a value that contains it");
    }

    @Test
    void anAliasBombIsRefusedQuickly() {
        StringBuilder b = new StringBuilder("b0: &b0 [x, x, x, x, x, x, x, x]\n");
        for (int k = 1; k < 10; k++) {
            b.append("b").append(k).append(": &b").append(k).append(" [");
            for (int m = 0; m < 5; m++) {
                b.append(m == 0 ? "" : ", ").append("*b").append(k - 1);
            }
            b.append("]\n");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> YamlFiles.parse(b.toString(), "p.yaml", ENV))
                        .isInstanceOf(SpecException.class)
                        .hasMessageContaining("expands to more than"));
    }

    @Test
    void aliasesUsedSideBySideStillWork() {
        var docs = YamlFiles.parse("a: &v { x: 1 }\nb: *v\nc: [*v, *v]\n", "p.yaml", ENV);
        assertThat(docs).hasSize(1);
    }
}
