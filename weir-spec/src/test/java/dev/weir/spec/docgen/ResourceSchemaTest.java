package dev.weir.spec.docgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.weir.spec.doc.ResourceDoc;
import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.step.StepTypes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated JSON Schema, checked by a real validator against real project files. */
class ResourceSchemaTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(new ObjectMapper().valueToTree(ResourceSchema.tree()));

    /** Each YAML document of the text, with the validator's complaints about it. */
    static List<String> errors(String yaml) throws IOException {
        List<String> out = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (docs.hasNext()) {
                for (ValidationMessage m : SCHEMA.validate(docs.next())) {
                    out.add(m.getMessage());
                }
            }
        }
        return out;
    }

    private static String pipelineWithSteps(String steps) {
        return """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: in }
                  steps:
                """ + steps.indent(4) + """
                  sink: { topic: out }
                """;
    }

    @Test
    void schemaIsValidDraft07() throws IOException {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(URI.create(ResourceSchema.DRAFT_07));
        assertThat(meta.validate(new ObjectMapper().readTree(ResourceSchema.json()))).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> acceptsEveryFileOfTheExamples() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            List<Path> yamlFiles = files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.toString().contains("/.weir/")).sorted().toList();
            assertThat(yamlFiles).isNotEmpty();
            return yamlFiles.stream().map(p -> DynamicTest.dynamicTest(EXAMPLES.relativize(p).toString(),
                    () -> assertThat(errors(Files.readString(p))).isEmpty()));
        }
    }

    @TestFactory
    Stream<DynamicTest> acceptsEveryDeclaredExample() {
        Stream<DynamicTest> steps = StepTypes.docs().stream().map((StepDoc d) -> DynamicTest.dynamicTest("step " + d.type(),
                () -> assertThat(errors(pipelineWithSteps(d.example()))).isEmpty()));
        Stream<DynamicTest> kinds = ResourceKinds.all().stream().map((ResourceDoc d) -> DynamicTest.dynamicTest(d.kind(),
                () -> assertThat(errors(d.example())).isEmpty()));
        return Stream.concat(steps, kinds);
    }

    @Test
    void rejectsAnUnknownStep() throws IOException {
        assertThat(errors(pipelineWithSteps("- filtr: \"amount > 0\""))).isNotEmpty();
    }

    @Test
    void rejectsTwoStepTypesInOneItem() throws IOException {
        assertThat(errors(pipelineWithSteps("- { filter: \"a > 0\", map: { drop: [b] } }"))).isNotEmpty();
    }

    @Test
    void rejectsAMisspeltField() throws IOException {
        assertThat(errors(pipelineWithSteps("- enrich: { tabel: customers, key: customer_id }"))).isNotEmpty();
        assertThat(errors("""
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: t }
                spec: { partitons: 3 }
                """)).isNotEmpty();
    }

    @Test
    void rejectsAWrongType() throws IOException {
        assertThat(errors("""
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: t }
                spec: { partitions: three }
                """)).isNotEmpty();
        assertThat(errors(pipelineWithSteps("- dedupe: { key: id, within: soon }"))).isNotEmpty();
    }

    @Test
    void rejectsAnUnknownEnumValue() throws IOException {
        assertThat(errors(pipelineWithSteps("- mask: { fields: [card], method: scramble }"))).isNotEmpty();
    }

    @Test
    void rejectsAnUnknownKindAndAMissingSpec() throws IOException {
        assertThat(errors("apiVersion: weir.dev/v1\nkind: Topik\nmetadata: { name: t }\nspec: {}\n")).isNotEmpty();
        assertThat(errors("apiVersion: weir.dev/v1\nkind: Topic\nmetadata: { name: t }\n")).isNotEmpty();
        assertThat(errors("apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: p }\n")).isEmpty();
    }

    @Test
    void rejectsAGeneratorFieldWithTwoKinds() throws IOException {
        assertThat(errors("""
                apiVersion: weir.dev/v1
                kind: Generator
                metadata: { name: g }
                spec:
                  topic: t
                  fields:
                    id: { uuid: {}, constant: x }
                """)).isNotEmpty();
    }

    @Test
    void describesFieldsForEditorsToShowOnHover() {
        String json = ResourceSchema.json();
        assertThat(json).contains("Keeps records for which the expression is true")
                .contains("\"additionalProperties\": false")
                .contains("\"const\": \"weir.dev/v1\"");
    }
}
