package dev.weir.spec.doc;

import dev.weir.spec.ProjectLoader;
import dev.weir.spec.SpecException;
import dev.weir.spec.alert.AlertRule;
import dev.weir.spec.docgen.ResourceKinds;
import dev.weir.spec.generator.Generator;
import dev.weir.spec.model.Metadata;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.ProjectSettings;
import dev.weir.spec.model.Topic;
import dev.weir.spec.step.StepTypes;
import dev.weir.spec.yaml.YNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keeps the declarations that docs and the JSON Schema are made from in step with the parsers:
 * examples parse, declared fields are read, undeclared keys are rejected, and enum fields accept
 * exactly their declared values.
 */
class DeclarationsMatchParsersTest {

    /** A project directory where the probe's sample schema path ("x") is a JSON Schema file. */
    private static final Path SCHEMAS = schemaDir();

    private static final Map<String, BiFunction<Metadata, YNode, ?>> KIND_PARSERS = Map.of(
            "Project", ProjectSettings::parse,
            "Topic", (m, n) -> Topic.parse(m, n, SCHEMAS),
            "Pipeline", Pipeline::parse,
            "Generator", Generator::parse,
            "PipelineTest", dev.weir.spec.test.PipelineTest::parse,
            "AlertRule", AlertRule::parse);

    /** Steps are checked one by one, with their own examples; the pipeline's list of them is not walked again. */
    private static final Set<String> CHECKED_ELSEWHERE = Set.of("step");

    @TempDir
    Path dir;

    private static Path schemaDir() {
        try {
            Path d = java.nio.file.Files.createTempDirectory("weir-probe");
            java.nio.file.Files.writeString(d.resolve("x"), "{\"type\": \"object\"}");
            d.resolve("x").toFile().deleteOnExit();
            d.toFile().deleteOnExit();
            return d;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every enum word anywhere in the declarations, and one that is in none. */
    private static Set<String> enumWords() {
        Set<String> words = new TreeSet<>();
        Set<String> refs = new HashSet<>();
        StepTypes.docs().forEach(d -> DeclarationProbe.collectEnumWords(d.value(), words, refs));
        ResourceKinds.all().forEach(d -> DeclarationProbe.collectEnumWords(d.spec(), words, refs));
        DeclarationProbe.collectEnumWords(ResourceKinds.metadata(), words, refs);
        words.add("no-such-value");
        return words;
    }

    private static DeclarationProbe.Probe stepProbe(String type) {
        return DeclarationProbe.parsing(StepTypes::parseAll).andThen(v -> List.of(Map.of(type, v)));
    }

    @TestFactory
    Stream<DynamicTest> everyStepExampleParses() {
        return StepTypes.docs().stream().map(doc -> DynamicTest.dynamicTest(doc.type(), () ->
                assertThat(DeclarationProbe.parsing(StepTypes::parseAll).errors(DeclarationProbe.yaml(doc.example())))
                        .isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> stepDeclarationsMatchTheirParsers() {
        return StepTypes.docs().stream().map(doc -> DynamicTest.dynamicTest(doc.type(), () -> {
            Object example = ((Map<?, ?>) ((List<?>) DeclarationProbe.yaml(doc.example())).get(0)).get(doc.type());
            DeclarationProbe probe = new DeclarationProbe(enumWords(), CHECKED_ELSEWHERE);
            probe.check(doc.value(), example, stepProbe(doc.type()), doc.type());
            assertThat(probe.problems()).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> resourceDeclarationsMatchTheirParsers() {
        return ResourceKinds.all().stream().map(doc -> DynamicTest.dynamicTest(doc.kind(), () -> {
            Object spec = ((Map<?, ?>) DeclarationProbe.yaml(doc.example())).get("spec");
            Metadata metadata = Metadata.parse(DeclarationProbe.yamlNode("name: probe"));
            DeclarationProbe.Probe parse = DeclarationProbe.parsing(n -> KIND_PARSERS.get(doc.kind()).apply(metadata, n));
            DeclarationProbe probe = new DeclarationProbe(enumWords(), CHECKED_ELSEWHERE);
            probe.check(doc.spec(), spec, parse, doc.kind());
            assertThat(probe.problems()).isEmpty();
        }));
    }

    @Test
    void metadataDeclarationMatchesItsParser() {
        DeclarationProbe probe = new DeclarationProbe(enumWords(), CHECKED_ELSEWHERE);
        probe.check(ResourceKinds.metadata(), DeclarationProbe.yaml("{ name: orders, owner: team }"),
                DeclarationProbe.parsing(Metadata::parse), "metadata");
        assertThat(probe.problems()).isEmpty();
    }

    @Test
    void everyResourceExampleLoadsAsAProject() throws IOException {
        for (ResourceDoc doc : ResourceKinds.all()) {
            Path file = doc.kind().equals("Project") ? dir.resolve(ProjectLoader.PROJECT_FILE)
                    : dir.resolve("resources").resolve(doc.kind().toLowerCase() + ".yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, doc.example());
        }
        var project = ProjectLoader.load(dir, Map.of());
        assertThat(project.topics()).hasSize(1);
        assertThat(project.pipelines()).hasSize(1);
        assertThat(project.generators()).hasSize(1);
        assertThat(project.alerts()).hasSize(1);
    }

    @Test
    void documentedKindsAreTheLoadersKinds() {
        assertThat(ResourceKinds.all().stream().map(ResourceDoc::kind)).containsExactlyInAnyOrderElementsOf(ProjectLoader.KINDS);
    }

    @Test
    void documentedGeneratorKindsAreTheParsersKinds() {
        ValueType fields = Generator.DOC.spec().fields().stream().filter(f -> f.name().equals("fields"))
                .findFirst().orElseThrow().type();
        ValueType.Ref field = (ValueType.Ref) ((ValueType.MapOf) fields).value();
        assertThat(((ValueType.ObjectOf) field.resolve()).exactlyOne()).containsExactlyElementsOf(Generator.fieldKinds());
    }

    @Test
    void aStepItemNeedsADeclaredStepType() {
        assertThat(StepTypes.itemType().exactlyOne()).containsExactlyElementsOf(StepTypes.names());
        assertThatThrownBy(() -> StepTypes.parseAll(DeclarationProbe.yamlNode("[ { " + DeclarationProbe.UNDECLARED + ": {} } ]")))
                .isInstanceOf(SpecException.class).hasMessageContaining("unknown step type");
    }
}
