package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.docgen.ResourceSchema;
import dev.weir.spec.model.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.weir.cli.CliTest.weir;
import static org.assertj.core.api.Assertions.assertThat;

class InitCommandTest {

    private static final List<String> FILES = List.of("weir.yaml", "topics/orders.yaml", "schemas/orders.schema.json",
            "pipelines/clean-orders.yaml", "generators/orders.yaml", "tests/orders.yaml", ".gitignore",
            ".github/workflows/weir.yml", ".gitlab-ci.yml", "Jenkinsfile");
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path tmp;

    private Path init(String dirName, String... options) {
        Path dir = tmp.resolve(dirName);
        List<String> args = new ArrayList<>(List.of("init", dir.toString()));
        args.addAll(List.of(options));
        CliTest.Result r = weir(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return dir;
    }

    /** tests/ holds PipelineTest resources, which 'weir test' reads; the other commands load the rest. */
    private static List<JsonNode> yamlDocuments(Path file) throws IOException {
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return docs.readAll();
        }
    }

    @Test
    void createsTheProjectAndPrintsItsFilesAndNextSteps() {
        Path dir = tmp.resolve("shop");
        CliTest.Result r = weir("init", dir.toString());
        assertThat(r.exitCode()).isZero();
        for (String f : FILES) {
            assertThat(dir.resolve(f)).isRegularFile();
            assertThat(r.out()).contains("  " + f + "\n");
        }
        assertThat(r.out()).contains("Created project 'shop'").contains("weir validate .").contains("weir test .")
                .contains("weir up .").contains("weir schema --out weir.schema.json");
    }

    @Test
    void createdProjectLoadsAndItsPipelineCompiles() throws IOException {
        Path dir = init("shop");
        Project project = ProjectLoader.load(dir, Map.of());
        assertThat(project.name()).isEqualTo("shop");
        assertThat(project.topics()).extracting(t -> t.name()).containsExactly("orders", "orders-clean", "orders-dlq");
        assertThat(project.topic("orders").orElseThrow().schema().orElseThrow().recordType().properties()).containsKeys("order_id", "amount");
        assertThat(project.generators()).extracting(g -> g.topic()).containsExactly("orders");
        assertThat(new PipelineCompiler().compileAll(project)).extracting(p -> p.name()).containsExactly("clean-orders");
        assertThat(project.pipeline("clean-orders").orElseThrow().errors().deadLetterTopic()).isEqualTo("orders-dlq");
    }

    @Test
    void createdResourceFilesMatchTheResourceSchema() throws IOException {
        Path dir = init("shop");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(new ObjectMapper().valueToTree(ResourceSchema.tree()));
        for (String f : List.of("weir.yaml", "topics/orders.yaml", "pipelines/clean-orders.yaml", "generators/orders.yaml")) {
            for (JsonNode doc : yamlDocuments(dir.resolve(f))) {
                assertThat(schema.validate(doc)).as(f).isEmpty();
            }
        }
    }

    @Test
    void ordersSchemaIsAJsonSchemaTheTestInputsSatisfy() throws IOException {
        Path dir = init("shop");
        JsonNode schemaNode = new ObjectMapper().readTree(dir.resolve("schemas/orders.schema.json").toFile());
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(java.net.URI.create(ResourceSchema.DRAFT_07));
        assertThat(meta.validate(schemaNode)).isEmpty();
        JsonSchema orders = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
        JsonNode test = yamlDocuments(dir.resolve("tests/orders.yaml")).get(0);
        for (JsonNode c : test.at("/spec/cases")) {
            for (JsonNode record : c.at("/input/orders")) {
                assertThat(orders.validate(record.get("value"))).as(c.get("name").asText()).isEmpty();
            }
        }
    }

    @Test
    void theTestNamesThePipelineAndOnlyDeclaredTopics() throws IOException {
        Path dir = init("shop");
        JsonNode test = yamlDocuments(dir.resolve("tests/orders.yaml")).get(0);
        assertThat(test.get("kind").asText()).isEqualTo("PipelineTest");
        assertThat(test.at("/spec/pipelines/0").asText()).isEqualTo("clean-orders");
        List<String> topics = List.of("orders", "orders-clean", "orders-dlq");
        assertThat(test.at("/spec/cases")).hasSize(3);
        for (JsonNode c : test.at("/spec/cases")) {
            c.get("input").fieldNames().forEachRemaining(t -> assertThat(topics).contains(t));
            c.get("expect").fieldNames().forEachRemaining(t -> assertThat(topics).contains(t));
        }
    }

    @Test
    void ciFilesRunValidateAndTestWithAJUnitReport() throws IOException {
        Path dir = init("shop");
        for (String f : List.of(".github/workflows/weir.yml", ".gitlab-ci.yml", "Jenkinsfile")) {
            assertThat(Files.readString(dir.resolve(f))).as(f)
                    .contains("WEIR_JAR", "java -jar \"$WEIR_JAR\" validate .",
                            "java -jar \"$WEIR_JAR\" test . --junit-xml reports/weir-tests.xml",
                            "mvn -pl weir-cli -am package");
        }
        assertThat(Files.readString(dir.resolve(".gitlab-ci.yml"))).contains("junit: reports/weir-tests.xml");
        assertThat(Files.readString(dir.resolve("Jenkinsfile"))).contains("junit ");
        assertThat(yamlDocuments(dir.resolve(".github/workflows/weir.yml")).get(0).at("/jobs/check/steps")).isNotEmpty();
        assertThat(yamlDocuments(dir.resolve(".gitlab-ci.yml")).get(0).at("/weir/script")).isNotEmpty();
        assertThat(Files.readString(dir.resolve(".gitignore"))).contains(".weir/");
    }

    @Test
    void nameOptionSetsTheProjectName() throws IOException {
        Path dir = init("somewhere", "--name", "payments");
        assertThat(Files.readString(dir.resolve("weir.yaml"))).contains("name: \"payments\"").doesNotContain("{{");
        assertThat(ProjectLoader.load(dir, Map.of()).name()).isEqualTo("payments");
    }

    @Test
    void defaultNameIsTheDirectoryName() throws IOException {
        Path dir = init("fraud-checks");
        assertThat(ProjectLoader.load(dir, Map.of()).name()).isEqualTo("fraud-checks");
    }

    @Test
    void refusesToOverwriteAProjectAndWritesNothing() throws IOException {
        Path dir = tmp.resolve("shop");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("weir.yaml"), "mine\n");
        CliTest.Result r = weir("init", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("already has weir.yaml").contains("wrote nothing").doesNotContain("\tat ");
        assertThat(Files.readString(dir.resolve("weir.yaml"))).isEqualTo("mine\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("weir.yaml"));
        }
    }

    @Test
    void refusesWhenAnyFileItWouldWriteExists() throws IOException {
        Path dir = tmp.resolve("shop");
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(".github/workflows/weir.yml"), "name: ours\n");
        Files.writeString(dir.resolve("README.md"), "ours\n");
        CliTest.Result r = weir("init", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(".github/workflows/weir.yml");
        assertThat(dir.resolve("weir.yaml")).doesNotExist();
        assertThat(Files.readString(dir.resolve(".github/workflows/weir.yml"))).isEqualTo("name: ours\n");
    }

    @Test
    void writesIntoAnExistingDirectoryWithOtherFiles() throws IOException {
        Path dir = tmp.resolve("repo");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("README.md"), "ours\n");
        assertThat(weir("init", dir.toString(), "--name", "repo").exitCode()).isZero();
        assertThat(dir.resolve("weir.yaml")).isRegularFile();
        assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo("ours\n");
    }

    @Test
    void rejectsAnInvalidName() {
        CliTest.Result r = weir("init", tmp.resolve("x").toString(), "--name", "my shop");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("'my shop' is not a valid project name");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void createdProjectPassesValidateStrictAndItsOwnTests() throws IOException {
        Path dir = init("shop");
        CliTest.Result validate = CliTest.weir("validate", dir.toString(), "--strict");
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        Path junit = dir.resolve("report.xml");
        CliTest.Result test = CliTest.weir("test", dir.toString(), "--junit-xml", junit.toString());
        assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
        assertThat(test.out()).contains("3 passed, 0 failed");
        assertThat(Files.readString(junit)).contains("tests=\"3\"").contains("failures=\"0\"");
    }
}
