package dev.weir.spec.model;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.Position;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lineage section of weir.yaml: defaults, every setting, and mistakes reported where they stand. */
class LineageSettingsTest {

    @TempDir
    Path dir;

    private ProjectSettings load(String spec, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("weir.yaml"), """
                apiVersion: weir.dev/v1
                kind: Project
                metadata: { name: shop }
                """ + spec);
        return ProjectLoader.load(dir, env).settings();
    }

    private Diagnostic error(String spec) {
        try {
            load(spec, Map.of());
        } catch (SpecException e) {
            return e.diagnostics().get(0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected weir.yaml to be rejected");
    }

    @Test
    void withoutALineageSectionEventsGoToTheDefaultTopicOnly() throws IOException {
        LineageSettings lineage = load("", Map.of()).lineage();
        assertThat(lineage.enabled()).isTrue();
        assertThat(lineage.topic()).isEqualTo("_weir_lineage");
        assertThat(lineage.url()).isEmpty();
        assertThat(lineage.namespaceFor("shop")).isEqualTo("weir://shop");
        assertThat(lineage.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsEverySettingWithTheApiKeyFromTheEnvironment() throws IOException {
        LineageSettings lineage = load("""
                spec:
                  lineage:
                    openlineage:
                      url: http://marquez:5000/
                      apiKey: ${env:LINEAGE_KEY}
                      topic: lineage-events
                      namespace: weir://shop-prod
                      timeout: 3s
                """, Map.of("LINEAGE_KEY", "secret")).lineage();
        assertThat(lineage.url()).contains("http://marquez:5000");
        assertThat(lineage.apiKey()).contains("secret");
        assertThat(lineage.topic()).isEqualTo("lineage-events");
        assertThat(lineage.namespaceFor("shop")).isEqualTo("weir://shop-prod");
        assertThat(lineage.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void canBeTurnedOff() throws IOException {
        assertThat(load("spec: { lineage: { openlineage: { enabled: false } } }", Map.of()).lineage().enabled()).isFalse();
    }

    @Test
    void aUrlWithoutSchemeIsReportedAtTheUrl() {
        Diagnostic d = error("""
                spec:
                  lineage:
                    openlineage: { url: "marquez:5000" }
                """);
        assertThat(d.position()).isEqualTo(new Position("weir.yaml", 6, 25));
        assertThat(d.message()).isEqualTo("lineage url must start with http:// or https://");
        assertThat(d.hint()).isEqualTo(Optional.of("e.g. url: http://localhost:5000 (Marquez)"));
    }

    @Test
    void anInvalidTopicNameIsReported() {
        Diagnostic d = error("""
                spec:
                  lineage:
                    openlineage:
                      topic: "lineage events"
                """);
        assertThat(d.position()).isEqualTo(new Position("weir.yaml", 7, 14));
        assertThat(d.message()).isEqualTo("invalid topic name 'lineage events'");
    }

    @Test
    void aMisspelledFieldSuggestsTheClosestOne() {
        Diagnostic d = error("""
                spec:
                  lineage:
                    openlineage: { urll: "http://marquez:5000" }
                """);
        assertThat(d.message()).isEqualTo("unknown field 'urll' in openlineage");
        assertThat(d.hint().orElseThrow()).contains("url");
    }

    @Test
    void settingsOutsideOpenlineageAreRejected() {
        assertThatThrownBy(() -> load("spec: { lineage: { url: http://x } }", Map.of()))
                .isInstanceOf(SpecException.class).hasMessageContaining("unknown field 'url' in lineage");
    }
}
