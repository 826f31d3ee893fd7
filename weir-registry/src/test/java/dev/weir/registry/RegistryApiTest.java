package dev.weir.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.weir.registry.RegistryClient.schemaBody;
import static dev.weir.registry.Schemas.field;
import static dev.weir.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API endpoint by endpoint, over real HTTP against a registry on a real broker. */
class RegistryApiTest {

    @TempDir
    static Path dir;

    static EmbeddedKafka kafka;
    static RegistryServer server;
    static RegistryClient client;

    static final String V1 = record("User", field("name", "string"));
    static final String V2 = record("User", field("name", "string"), field("age", "int", "0"));

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(dir.resolve("kafka")).withPort(Clients.freePort())).start();
        server = RegistryServer.start(RegistryConfig.of(kafka.bootstrapServers()).withPort(0));
        client = new RegistryClient(server.url());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void rootAnswersAnEmptyObject() {
        RegistryClient.Reply reply = client.get("/");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{}");
        assertThat(reply.response().headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void registersAndReadsBackByIdAndVersion() {
        int id = client.register("reg-value", V1);

        JsonNode byId = client.get("/schemas/ids/" + id).json();
        assertThat(byId.get("schema").asText()).isEqualTo(V1);
        assertThat(byId.has("schemaType")).as("AVRO is left out, as Confluent does").isFalse();
        JsonNode version = client.get("/subjects/reg-value/versions/1").json();
        assertThat(version.get("subject").asText()).isEqualTo("reg-value");
        assertThat(version.get("version").asInt()).isEqualTo(1);
        assertThat(version.get("id").asInt()).isEqualTo(id);
        assertThat(client.get("/subjects/reg-value/versions/latest/schema").body()).isEqualTo(V1);
        assertThat(client.get("/schemas/ids/" + id + "/schema").body()).isEqualTo(V1);
        assertThat(client.get("/subjects/reg-value/versions").json().toString()).isEqualTo("[1]");
        assertThat(client.get("/subjects").json().toString()).contains("\"reg-value\"");
    }

    @Test
    void identicalSchemaKeepsItsIdAndVersion() {
        int id = client.register("same-value", V1);
        String spaced = V1.replace(",", " ,\n  ").replace(":", " : ");

        assertThat(client.register("same-value", spaced)).isEqualTo(id);
        assertThat(client.get("/subjects/same-value/versions").json().toString()).isEqualTo("[1]");
    }

    @Test
    void sameSchemaUnderTwoSubjectsHasOneId() {
        String schema = record("Shared", field("x", "long"));
        int first = client.register("shared-a", schema);
        int second = client.register("shared-b", schema);

        assertThat(second).isEqualTo(first);
        assertThat(client.get("/schemas/ids/" + first + "/subjects").json().toString()).isEqualTo("[\"shared-a\",\"shared-b\"]");
        assertThat(client.get("/schemas/ids/" + first + "/versions").json().toString())
                .isEqualTo("[{\"subject\":\"shared-a\",\"version\":1},{\"subject\":\"shared-b\",\"version\":1}]");
    }

    @Test
    void newVersionsGetNewIdsAndLatestFollows() {
        int v1 = client.register("evolve-value", V1);
        int v2 = client.register("evolve-value", V2);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(client.get("/subjects/evolve-value/versions").json().toString()).isEqualTo("[1,2]");
        assertThat(client.get("/subjects/evolve-value/versions/latest").json().get("id").asInt()).isEqualTo(v2);
        assertThat(client.get("/subjects/evolve-value/versions/-1").json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void lookupFindsTheVersionOfASchema() {
        int id = client.register("lookup-value", V1);

        JsonNode found = client.post("/subjects/lookup-value", schemaBody(V1)).json();
        assertThat(found.get("id").asInt()).isEqualTo(id);
        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertThat(found.get("schema").asText()).isEqualTo(V1);

        RegistryClient.Reply unknownSchema = client.post("/subjects/lookup-value", schemaBody(record("Other", field("y", "int"))));
        assertThat(unknownSchema.status()).isEqualTo(404);
        assertThat(unknownSchema.errorCode()).isEqualTo(40403);
        RegistryClient.Reply unknownSubject = client.post("/subjects/nobody-value", schemaBody(V1));
        assertThat(unknownSubject.errorCode()).isEqualTo(40401);
    }

    @Test
    void missingThingsAnswerTheirErrorCodes() {
        client.register("missing-value", V1);

        assertThat(client.get("/subjects/none-value/versions").errorCode()).isEqualTo(40401);
        assertThat(client.get("/subjects/none-value/versions/1").errorCode()).isEqualTo(40401);
        RegistryClient.Reply noVersion = client.get("/subjects/missing-value/versions/7");
        assertThat(noVersion.status()).isEqualTo(404);
        assertThat(noVersion.errorCode()).isEqualTo(40402);
        assertThat(noVersion.json().get("message").asText()).isEqualTo("Version 7 not found.");
        RegistryClient.Reply badVersion = client.get("/subjects/missing-value/versions/zero");
        assertThat(badVersion.status()).isEqualTo(422);
        assertThat(badVersion.errorCode()).isEqualTo(42202);
        assertThat(client.get("/subjects/missing-value/versions/0").errorCode()).isEqualTo(42202);
        RegistryClient.Reply noSchema = client.get("/schemas/ids/99999");
        assertThat(noSchema.status()).isEqualTo(404);
        assertThat(noSchema.errorCode()).isEqualTo(40403);
        RegistryClient.Reply noPath = client.get("/nowhere");
        assertThat(noPath.status()).isEqualTo(404);
        assertThat(noPath.errorCode()).isEqualTo(404);
    }

    @Test
    void badRequestsGetTheirCodesNeverA500() {
        RegistryClient.Reply malformed = client.post("/subjects/bad-value/versions", "{\"schema\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo(400);
        RegistryClient.Reply empty = client.post("/subjects/bad-value/versions", "");
        assertThat(empty.status()).isEqualTo(422);
        RegistryClient.Reply invalid = client.post("/subjects/bad-value/versions", schemaBody("{\"type\":\"recor\"}"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42201);
        RegistryClient.Reply notJson = client.post("/subjects/bad-value/versions", schemaBody("not a schema"));
        assertThat(notJson.errorCode()).isEqualTo(42201);
        ObjectNode unknownType = RegistryClient.body().put("schema", V1).put("schemaType", "XML");
        RegistryClient.Reply type = client.post("/subjects/bad-value/versions", unknownType.toString());
        assertThat(type.errorCode()).isEqualTo(42201);
        assertThat(type.json().get("message").asText()).contains("XML");
        RegistryClient.Reply badDefault = client.post("/subjects/bad-value/versions",
                schemaBody(record("R", field("a", "int", "\"x\""))));
        assertThat(badDefault.errorCode()).isEqualTo(42201);
        assertThat(client.post("/subjects/bad-value/versions", "{\"schema\": {}}").status()).isEqualTo(400);
        assertThat(client.get("/subjects/bad-value/versions").errorCode()).as("nothing was registered").isEqualTo(40401);
    }

    @Test
    void schemaTypesListsTheFormats() {
        assertThat(client.get("/schemas/types").json().toString()).contains("\"AVRO\"");
    }

    @Test
    void softThenPermanentDeleteOfAVersion() {
        String first = record("Deleted", field("name", "string"));
        int id = client.register("delv-value", first);
        client.register("delv-value", record("Deleted", field("name", "string"), field("age", "int", "0")));

        RegistryClient.Reply notSoftDeleted = client.delete("/subjects/delv-value/versions/1?permanent=true");
        assertThat(notSoftDeleted.errorCode()).isEqualTo(40407);
        assertThat(client.delete("/subjects/delv-value/versions/1").body()).isEqualTo("1");
        assertThat(client.delete("/subjects/delv-value/versions/1").errorCode()).isEqualTo(40406);
        assertThat(client.get("/subjects/delv-value/versions").json().toString()).isEqualTo("[2]");
        assertThat(client.get("/subjects/delv-value/versions?deleted=true").json().toString()).isEqualTo("[1,2]");
        assertThat(client.get("/subjects/delv-value/versions/1").errorCode()).isEqualTo(40402);
        assertThat(client.get("/subjects/delv-value/versions/1?deleted=true").json().get("id").asInt()).isEqualTo(id);
        assertThat(client.get("/schemas/ids/" + id).status()).as("a soft-deleted schema can still be read by id").isEqualTo(200);
        assertThat(client.get("/schemas/ids/" + id + "/subjects").json().toString()).isEqualTo("[]");
        assertThat(client.get("/schemas/ids/" + id + "/subjects?deleted=true").json().toString()).isEqualTo("[\"delv-value\"]");

        assertThat(client.delete("/subjects/delv-value/versions/1?permanent=true").body()).isEqualTo("1");
        assertThat(client.get("/subjects/delv-value/versions?deleted=true").json().toString()).isEqualTo("[2]");
        assertThat(client.get("/schemas/ids/" + id).errorCode()).isEqualTo(40403);
        assertThat(client.delete("/subjects/delv-value/versions/1?permanent=true").errorCode()).isEqualTo(40402);
    }

    @Test
    void softThenPermanentDeleteOfASubject() {
        client.register("dels-value", V1);
        client.register("dels-value", V2);

        assertThat(client.delete("/subjects/dels-value?permanent=true").errorCode()).isEqualTo(40405);
        assertThat(client.delete("/subjects/dels-value").json().toString()).isEqualTo("[1,2]");
        assertThat(client.delete("/subjects/dels-value").errorCode()).isEqualTo(40404);
        assertThat(client.get("/subjects").json().toString()).doesNotContain("\"dels-value\"");
        assertThat(client.get("/subjects?deleted=true").json().toString()).contains("\"dels-value\"");
        assertThat(client.get("/subjects?deletedOnly=true").json().toString()).contains("\"dels-value\"");
        assertThat(client.get("/subjects/dels-value/versions").errorCode()).isEqualTo(40401);

        assertThat(client.delete("/subjects/dels-value?permanent=true").json().toString()).isEqualTo("[1,2]");
        assertThat(client.get("/subjects?deleted=true").json().toString()).doesNotContain("\"dels-value\"");
        assertThat(client.delete("/subjects/dels-value").errorCode()).isEqualTo(40401);
    }

    @Test
    void reRegisteringASoftDeletedSchemaIsANewVersionWithTheSameId() {
        int id = client.register("again-value", V1);
        client.delete("/subjects/again-value");

        assertThat(client.register("again-value", V1)).isEqualTo(id);
        assertThat(client.get("/subjects/again-value/versions?deleted=true").json().toString()).isEqualTo("[2]");
    }

    @Test
    void referencesAreResolvedAndProtectTheirTarget() {
        String address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"acme\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}";
        String person = "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"acme\",\"fields\":[{\"name\":\"home\",\"type\":\"Address\"}]}";
        client.register("address-value", address);
        ObjectNode body = RegistryClient.body().put("schema", person);
        body.putArray("references").addObject().put("name", "acme.Address").put("subject", "address-value").put("version", 1);

        RegistryClient.Reply registered = client.post("/subjects/person-value/versions", body.toString());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        int id = registered.json().get("id").asInt();
        JsonNode byId = client.get("/schemas/ids/" + id).json();
        assertThat(byId.get("references").toString())
                .isEqualTo("[{\"name\":\"acme.Address\",\"subject\":\"address-value\",\"version\":1}]");
        assertThat(client.get("/subjects/address-value/versions/1/referencedby").json().toString()).isEqualTo("[" + id + "]");
        RegistryClient.Reply protectedTarget = client.delete("/subjects/address-value/versions/1");
        assertThat(protectedTarget.status()).isEqualTo(422);
        assertThat(protectedTarget.errorCode()).isEqualTo(42206);
        assertThat(client.delete("/subjects/address-value").errorCode()).isEqualTo(42206);
        RegistryClient.Reply unresolved = client.post("/subjects/person2-value/versions", schemaBody(person));
        assertThat(unresolved.errorCode()).isEqualTo(42201);

        client.delete("/subjects/person-value");
        assertThat(client.get("/subjects/address-value/versions/1/referencedby").json().toString()).isEqualTo("[]");
        assertThat(client.delete("/subjects/address-value/versions/1").status()).isEqualTo(200);
    }

    @Test
    void compatibilityLevelsGlobalAndPerSubject() {
        assertThat(client.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(client.get("/config/cfg-value").errorCode()).isEqualTo(40408);
        assertThat(client.get("/config/cfg-value?defaultToGlobal=true").json().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");

        RegistryClient.Reply set = client.put("/config/cfg-value", "{\"compatibility\":\"full_transitive\"}");
        assertThat(set.json().toString()).isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
        assertThat(client.get("/config/cfg-value").json().get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
        RegistryClient.Reply invalid = client.put("/config/cfg-value", "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42203);
        assertThat(client.delete("/config/cfg-value").json().get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(client.get("/config/cfg-value").errorCode()).isEqualTo(40408);
        assertThat(client.delete("/config/cfg-value").errorCode()).isEqualTo(40408);
    }

    @Test
    void incompatibleSchemaIsAConflictNamingTheField() {
        client.register("compat-value", V1);
        String withoutDefault = record("User", field("name", "string"), field("email", "string"));

        RegistryClient.Reply refused = client.post("/subjects/compat-value/versions", schemaBody(withoutDefault));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(40901);
        assertThat(refused.json().get("message").asText()).contains("email").contains("BACKWARD");

        JsonNode check = client.post("/compatibility/subjects/compat-value/versions/latest?verbose=true",
                schemaBody(withoutDefault)).json();
        assertThat(check.get("is_compatible").asBoolean()).isFalse();
        assertThat(check.get("messages").toString()).contains("email");
        JsonNode ok = client.post("/compatibility/subjects/compat-value/versions", schemaBody(V2)).json();
        assertThat(ok.toString()).isEqualTo("{\"is_compatible\":true}");
        assertThat(client.post("/compatibility/subjects/compat-value/versions/9", schemaBody(V2)).errorCode()).isEqualTo(40402);
        assertThat(client.post("/compatibility/subjects/nothing-value/versions/latest", schemaBody(V2)).json()
                .get("is_compatible").asBoolean()).isTrue();

        client.put("/config/compat-value", "{\"compatibility\":\"NONE\"}");
        assertThat(client.post("/subjects/compat-value/versions", schemaBody(withoutDefault)).status()).isEqualTo(200);
    }

    @Test
    void readOnlySubjectRefusesChangesButKeepsAnsweringKnownSchemas() {
        int id = client.register("ro-value", V1);
        assertThat(client.get("/mode/ro-value").errorCode()).isEqualTo(40409);
        assertThat(client.get("/mode/ro-value?defaultToGlobal=true").json().get("mode").asText()).isEqualTo("READWRITE");

        assertThat(client.put("/mode/ro-value", "{\"mode\":\"READONLY\"}").json().get("mode").asText()).isEqualTo("READONLY");
        RegistryClient.Reply refused = client.post("/subjects/ro-value/versions", schemaBody(V2));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo(42205);
        assertThat(client.delete("/subjects/ro-value").errorCode()).isEqualTo(42205);
        assertThat(client.put("/config/ro-value", "{\"compatibility\":\"NONE\"}").errorCode()).isEqualTo(42205);
        assertThat(client.register("ro-value", V1)).as("an identical schema is answered without a change").isEqualTo(id);
        assertThat(client.put("/mode/ro-value", "{\"mode\":\"WRITEONLY\"}").errorCode()).isEqualTo(42204);

        assertThat(client.delete("/mode/ro-value").json().get("mode").asText()).isEqualTo("READONLY");
        assertThat(client.register("ro-value", V2)).isPositive();
    }

    @Test
    void readOnlyRegistryRefusesChangesToEverySubject() {
        try {
            assertThat(client.put("/mode", "{\"mode\":\"READONLY\"}").status()).isEqualTo(200);
            assertThat(client.get("/mode").json().get("mode").asText()).isEqualTo("READONLY");
            assertThat(client.post("/subjects/any-value/versions", schemaBody(V1)).errorCode()).isEqualTo(42205);
            assertThat(client.put("/config", "{\"compatibility\":\"FULL\"}").errorCode()).isEqualTo(42205);
            assertThat(client.put("/mode", "{\"mode\":\"IMPORT\"}").errorCode())
                    .as("there are subjects").isEqualTo(42205);
        } finally {
            client.put("/mode", "{\"mode\":\"READWRITE\"}");
        }
        assertThat(client.get("/mode").json().get("mode").asText()).isEqualTo("READWRITE");
    }

    @Test
    void importModeRegistersWithTheGivenIdAndVersion() {
        assertThat(client.put("/mode/imported-value", "{\"mode\":\"IMPORT\"}").status()).isEqualTo(200);
        String schema = record("Imported", field("k", "string"));
        ObjectNode body = RegistryClient.body().put("schema", schema).put("id", 5000).put("version", 3);

        RegistryClient.Reply imported = client.post("/subjects/imported-value/versions", body.toString());
        assertThat(imported.json().get("id").asInt()).as(imported.toString()).isEqualTo(5000);
        assertThat(client.get("/subjects/imported-value/versions/3").json().get("id").asInt()).isEqualTo(5000);
        assertThat(client.get("/schemas/ids/5000/schema").body()).isEqualTo(schema);
        assertThat(client.post("/subjects/imported-value/versions", schemaBody(V1)).errorCode())
                .as("IMPORT needs an id").isEqualTo(42205);
        ObjectNode taken = RegistryClient.body().put("schema", V2).put("id", 5000);
        assertThat(client.post("/subjects/imported-value/versions", taken.toString()).errorCode()).isEqualTo(42205);

        client.put("/mode/imported-value", "{\"mode\":\"READWRITE\"}");
        ObjectNode withId = RegistryClient.body().put("schema", V1).put("id", 6000);
        assertThat(client.post("/subjects/imported-value/versions", withId.toString()).errorCode())
                .as("an id outside IMPORT").isEqualTo(42205);
        assertThat(client.register("other-after-import", record("After", field("z", "int")))).isGreaterThan(5000);
    }

    private static String typed(String type, String schema) {
        return RegistryClient.body().put("schemaType", type).put("schema", schema).toString();
    }

    @Test
    void jsonSchemasRegisterWithTheirTypeAndBreakingChangesAreRefused() {
        String v1 = "{\"type\": \"object\", \"properties\": {\"amount\": {\"type\": \"number\"}}}";
        String v2 = "{\"type\": \"object\", \"properties\": {\"amount\": {\"type\": \"string\"}}}";
        RegistryClient.Reply first = client.post("/subjects/json-value/versions", typed("JSON", v1));
        assertThat(first.status()).isEqualTo(200);
        int id = first.json().get("id").asInt();
        assertThat(client.get("/schemas/ids/" + id).json().get("schemaType").asText()).isEqualTo("JSON");
        String reformatted = "{ \"properties\": {\"amount\": {\"type\": \"number\"}}, \"type\": \"object\" }";
        assertThat(client.post("/subjects/json-value/versions", typed("JSON", reformatted)).json().get("id").asInt())
                .as("key order and spacing do not make a new schema").isEqualTo(id);

        RegistryClient.Reply breaking = client.post("/subjects/json-value/versions", typed("JSON", v2));
        assertThat(breaking.status()).isEqualTo(409);
        assertThat(breaking.errorCode()).isEqualTo(40901);
        assertThat(breaking.body()).contains("amount");
        assertThat(client.post("/subjects/json-value/versions", typed("JSON", "{\"type\": 5}")).errorCode()).isEqualTo(42201);
    }

    @Test
    void protobufSchemasRegisterWithTheirTypeAndBreakingChangesAreRefused() {
        String v1 = "syntax = \"proto3\";\npackage shop;\nmessage Order {\n  string id = 1;\n  double amount = 2;\n}\n";
        String v2 = v1.replace("double amount = 2;", "string amount = 2;");
        RegistryClient.Reply first = client.post("/subjects/proto-value/versions", typed("PROTOBUF", v1));
        assertThat(first.status()).isEqualTo(200);
        assertThat(client.get("/schemas/ids/" + first.json().get("id").asInt()).json().get("schemaType").asText())
                .isEqualTo("PROTOBUF");
        RegistryClient.Reply breaking = client.post("/subjects/proto-value/versions", typed("PROTOBUF", v2));
        assertThat(breaking.status()).isEqualTo(409);
        assertThat(breaking.body()).contains("amount");
        assertThat(client.post("/subjects/proto-value/versions", typed("PROTOBUF", "message {")).errorCode()).isEqualTo(42201);
        assertThat(client.get("/schemas/types").json().toString()).contains("\"JSON\"", "\"PROTOBUF\"", "\"AVRO\"");
    }
}
