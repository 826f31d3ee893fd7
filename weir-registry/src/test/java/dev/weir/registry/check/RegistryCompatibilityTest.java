package dev.weir.registry.check;

import com.sun.net.httpserver.HttpServer;
import dev.weir.registry.core.CompatibilityLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How answers of other Confluent-compatible registries are read: Confluent's own 404 for a new
 * subject, its extra messages, errors. (A real Weir registry is asked in the CLI's tests.)
 */
class RegistryCompatibilityTest {

    private static final LocalSchema ORDERS = new LocalSchema("orders-value", "schemas/orders.avsc", "AVRO",
            "{\"type\": \"record\", \"name\": \"Order\", \"fields\": []}", CompatibilityLevel.BACKWARD);

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();

    private RegistryCompatibility answering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new RegistryCompatibility("http://127.0.0.1:" + server.getAddress().getPort(), Optional.of("ci"),
                Optional.of("secret"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void asksForTheLatestVersionVerboselyWithCredentials() throws IOException {
        SchemaChange change = answering(200, "{\"is_compatible\": true}").check(ORDERS);
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.COMPATIBLE);
        assertThat(requests).singleElement().asString()
                .startsWith("POST /compatibility/subjects/orders-value/versions/latest?verbose=true Basic Y2k6c2VjcmV0 ")
                .contains("\"schema\":").doesNotContain("schemaType");
    }

    @Test
    void aSubjectTheRegistryDoesNotKnowIsNew() throws IOException {
        SchemaChange change = answering(404, "{\"error_code\": 40401, \"message\": \"Subject 'orders-value' not found.\"}")
                .check(ORDERS);
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.NOTHING_TO_COMPARE);
        assertThat(change.note().orElseThrow()).startsWith("subject orders-value is new in the registry at");
    }

    @Test
    void confluentsExtraMessagesAreLeftOutAndItsLevelKept() throws IOException {
        SchemaChange change = answering(200, """
                {"is_compatible": false, "messages": [
                  "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'note' at path '/fields/1' in the new schema has no default value and is missing in the old schema', additionalInfo:'note'}",
                  "{oldSchemaVersion: 1}",
                  "{oldSchema: '{\\"type\\":\\"record\\"}'}",
                  "{validateFields: 'false', compatibility: 'BACKWARD'}"
                ]}
                """).check(ORDERS);
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.INCOMPATIBLE);
        assertThat(change.problems()).singleElement().asString().startsWith("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'");
        assertThat(change.note()).hasValue("level BACKWARD");
    }

    @Test
    void otherAnswersAreFailuresWithTheRegistrysMessage() throws IOException {
        SchemaChange change = answering(401, "{\"error_code\": 401, \"message\": \"Unauthorized\"}").check(ORDERS);
        assertThat(change.outcome()).isEqualTo(SchemaChange.Outcome.FAILED);
        assertThat(change.note().orElseThrow()).endsWith("answered 401: Unauthorized (error 401)");
    }
}
