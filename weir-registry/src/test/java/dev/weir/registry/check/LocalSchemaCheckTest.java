package dev.weir.registry.check;

import dev.weir.registry.core.CompatibilityLevel;
import dev.weir.registry.format.SchemaFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Schema files compared with their versions in git, at each kind of level, without a registry. */
class LocalSchemaCheckTest {

    private static final String ID = "{\"name\": \"id\", \"type\": \"string\"}";
    private static final String NOTE_DEFAULT = "{\"name\": \"note\", \"type\": \"string\", \"default\": \"\"}";
    private static final String NOTE = "{\"name\": \"note\", \"type\": \"string\"}";

    @TempDir
    Path dir;

    private static String avro(String... fields) {
        return "{\"type\": \"record\", \"name\": \"Order\", \"fields\": [" + String.join(", ", fields) + "]}\n";
    }

    private SchemaChange check(Path project, String path, String type, CompatibilityLevel level, String revision)
            throws IOException {
        LocalSchema schema = new LocalSchema("orders-value", path, type, Files.readString(project.resolve(path)), level);
        List<SchemaChange> changes = new LocalSchemaCheck(project, SchemaFormats.builtIn()).check(revision, List.of(schema));
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }

    private SchemaChange checkAvro(CompatibilityLevel level) throws IOException {
        return check(dir, "schemas/orders.avsc", "AVRO", level, "HEAD");
    }

    private GitRepo repoWith(String avsc) throws IOException {
        GitRepo repo = GitRepo.init(dir);
        repo.write("schemas/orders.avsc", avsc);
        repo.commit("orders");
        return repo;
    }

    @Test
    void aFieldAddedWithADefaultIsBackwardCompatible() throws IOException {
        repoWith(avro(ID)).write("schemas/orders.avsc", avro(ID, NOTE_DEFAULT));
        SchemaChange change = checkAvro(CompatibilityLevel.BACKWARD);
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.COMPATIBLE);
        assertThat(change.against()).isEqualTo("HEAD");
    }

    @Test
    void aFieldAddedWithoutADefaultIsNotBackwardCompatible() throws IOException {
        repoWith(avro(ID)).write("schemas/orders.avsc", avro(ID, NOTE));
        SchemaChange change = checkAvro(CompatibilityLevel.BACKWARD);
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.INCOMPATIBLE);
        assertThat(change.problems()).singleElement().asString()
                .startsWith("field 'note'").contains("without a default value but missing from the writer schema");
    }

    @Test
    void forwardAndFullCompareTheOtherWayToo() throws IOException {
        repoWith(avro(ID, NOTE)).write("schemas/orders.avsc", avro(ID));
        assertThat(checkAvro(CompatibilityLevel.BACKWARD).outcome()).isEqualTo(SchemaChange.Outcome.COMPATIBLE);
        assertThat(checkAvro(CompatibilityLevel.FORWARD).problems()).singleElement().asString().contains("'note'");
        SchemaChange full = checkAvro(CompatibilityLevel.FULL);
        assertThat(full.outcome()).isEqualTo(SchemaChange.Outcome.INCOMPATIBLE);
        assertThat(full.problems()).singleElement().asString()
                .startsWith("HEAD cannot read data written with the new schema: ");
        assertThat(checkAvro(CompatibilityLevel.NONE).outcome()).isEqualTo(SchemaChange.Outcome.NOTHING_TO_COMPARE);
    }

    @Test
    void transitiveLevelsCompareWithEveryCommittedVersion() throws IOException {
        GitRepo repo = repoWith(avro(ID));
        String first = repo.git("rev-parse", "--short", "HEAD").strip();
        repo.write("schemas/orders.avsc", avro(ID, NOTE_DEFAULT));
        repo.commit("note with a default");
        repo.write("schemas/orders.avsc", avro(ID, NOTE));

        assertThat(checkAvro(CompatibilityLevel.BACKWARD).outcome()).isEqualTo(SchemaChange.Outcome.COMPATIBLE);
        SchemaChange transitive = checkAvro(CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(transitive.outcome()).isEqualTo(SchemaChange.Outcome.INCOMPATIBLE);
        assertThat(transitive.problems()).singleElement().asString()
                .startsWith("the new schema cannot read data written with " + first + ": field 'note'");
    }

    @Test
    void anotherRevisionCanBeComparedWith() throws IOException {
        GitRepo repo = repoWith(avro(ID));
        repo.git("checkout", "-q", "-b", "feature");
        repo.write("schemas/orders.avsc", avro(ID, NOTE));
        repo.commit("note");
        assertThat(check(dir, "schemas/orders.avsc", "AVRO", CompatibilityLevel.BACKWARD, "HEAD").outcome())
                .isEqualTo(SchemaChange.Outcome.COMPATIBLE);
        SchemaChange againstMain = check(dir, "schemas/orders.avsc", "AVRO", CompatibilityLevel.BACKWARD, "main");
        assertThat(againstMain.outcome()).isEqualTo(SchemaChange.Outcome.INCOMPATIBLE);
        assertThat(againstMain.against()).isEqualTo("main");
    }

    @Test
    void aFileNewSinceTheRevisionHasNothingToCompareWith() throws IOException {
        repoWith(avro(ID)).write("schemas/payments.avsc", avro(ID, NOTE));
        SchemaChange change = check(dir, "schemas/payments.avsc", "AVRO", CompatibilityLevel.FULL_TRANSITIVE, "HEAD");
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.NOTHING_TO_COMPARE);
        assertThat(change.note()).hasValue("new since HEAD, nothing to compare with");
    }

    @Test
    void aDirectoryOutsideGitHasNothingToCompareWith() throws IOException {
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/orders.avsc"), avro(ID));
        SchemaChange change = checkAvro(CompatibilityLevel.BACKWARD);
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.NOTHING_TO_COMPARE);
        assertThat(change.note()).hasValue("not in a git repository, nothing to compare with");
    }

    @Test
    void anUnknownRevisionIsSaidToBeUnknown() throws IOException {
        repoWith(avro(ID));
        SchemaChange change = check(dir, "schemas/orders.avsc", "AVRO", CompatibilityLevel.BACKWARD, "origin/main");
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.UNKNOWN_REVISION);
    }

    @Test
    void pathsAreRelativeToAProjectInASubdirectoryOfTheRepository() throws IOException {
        GitRepo repo = GitRepo.init(dir);
        repo.write("projects/shop/schemas/orders.avsc", avro(ID));
        repo.commit("shop");
        repo.write("projects/shop/schemas/orders.avsc", avro(ID, NOTE));
        SchemaChange change = check(dir.resolve("projects/shop"), "schemas/orders.avsc", "AVRO",
                CompatibilityLevel.BACKWARD, "HEAD");
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.INCOMPATIBLE);
    }

    @Test
    void jsonSchemaAndProtobufUseTheirOwnRules() throws IOException {
        GitRepo repo = GitRepo.init(dir);
        repo.write("schemas/orders.schema.json", "{\"type\": \"object\", \"properties\": {\"total\": {\"type\": \"number\"}}}");
        repo.write("schemas/orders.proto", "syntax = \"proto3\";\nmessage Order {\n  double total = 1;\n}\n");
        repo.commit("orders");
        repo.write("schemas/orders.schema.json", "{\"type\": \"object\", \"properties\": {\"total\": {\"type\": \"string\"}}}");
        repo.write("schemas/orders.proto", "syntax = \"proto3\";\nmessage Order {\n  string total = 1;\n}\n");

        assertThat(check(dir, "schemas/orders.schema.json", "JSON", CompatibilityLevel.BACKWARD, "HEAD").problems())
                .containsExactly("#/properties/total: type changed from number to string");
        assertThat(check(dir, "schemas/orders.proto", "PROTOBUF", CompatibilityLevel.BACKWARD, "HEAD").problems())
                .containsExactly("Order.total (field 1): type changed from double to string");
    }

    @Test
    void anInvalidSchemaFails() throws IOException {
        repoWith(avro(ID)).write("schemas/orders.avsc", avro("{\"name\": \"n\", \"type\": \"int\", \"default\": \"x\"}"));
        SchemaChange change = checkAvro(CompatibilityLevel.BACKWARD);
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.FAILED);
        assertThat(change.note().orElseThrow()).startsWith("not a valid AVRO schema");
    }
}
