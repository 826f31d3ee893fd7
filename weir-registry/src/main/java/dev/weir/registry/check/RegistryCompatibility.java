package dev.weir.registry.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a Confluent-compatible schema registry whether local schemas may be registered: {@code POST
 * /compatibility/subjects/{subject}/versions/latest?verbose=true}, at the level the registry has for
 * the subject. A subject the registry does not know yet is new, so there is nothing to compare.
 */
public final class RegistryCompatibility {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEVEL = Pattern.compile("compatibility: '([A-Z_]+)'");
    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int VERSION_NOT_FOUND = 40402;

    private final URI base;
    private final Optional<String> authorization;
    private final HttpClient http;

    /** A client of the registry at {@code url}, with basic authentication when {@code user} is given. */
    public RegistryCompatibility(String url, Optional<String> user, Optional<String> password) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.authorization = user.map(u -> "Basic " + Base64.getEncoder()
                .encodeToString((u + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** How results name the registry: {@code the registry at http://localhost:8081/}. */
    public String name() {
        return "the registry at " + base;
    }

    /** Whether {@code schema} is compatible with the latest version of its subject. */
    public SchemaChange check(LocalSchema schema) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema.text());
        if (!"AVRO".equals(schema.type())) {
            body.put("schemaType", schema.type());
        }
        String path = "compatibility/subjects/" + URLEncoder.encode(schema.subject(), StandardCharsets.UTF_8)
                .replace("+", "%20") + "/versions/latest?verbose=true";
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE + ", application/json").header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        authorization.ifPresent(a -> request.header("Authorization", a));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return SchemaChange.other(schema, name(), SchemaChange.Outcome.UNREACHABLE, "cannot reach " + name() + ": "
                    + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SchemaChange.other(schema, name(), SchemaChange.Outcome.FAILED, "interrupted while asking " + name());
        }
        return verdict(schema, response.statusCode(), response.body());
    }

    /** The first message in the chain of causes, e.g. {@code Connection refused}; else what the exception means. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    private SchemaChange verdict(LocalSchema schema, int status, String text) {
        JsonNode json;
        try {
            json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        int errorCode = json.path("error_code").asInt(0);
        if (status == 404 && (errorCode == SUBJECT_NOT_FOUND || errorCode == VERSION_NOT_FOUND)) {
            return SchemaChange.other(schema, name(), SchemaChange.Outcome.NOTHING_TO_COMPARE,
                    "subject " + schema.subject() + " is new in " + name() + ", nothing to compare with");
        }
        if (status / 100 != 2 || !json.has("is_compatible")) {
            return SchemaChange.other(schema, name(), SchemaChange.Outcome.FAILED, name() + " answered " + status + ": "
                    + json.path("message").asText(text.strip()) + (errorCode != 0 ? " (error " + errorCode + ")" : ""));
        }
        if (json.path("is_compatible").asBoolean()) {
            return SchemaChange.compatible(schema, name(), null);
        }
        List<String> problems = new ArrayList<>();
        Optional<String> level = Optional.empty();
        for (JsonNode m : json.path("messages")) {
            String message = m.asText();
            Matcher matcher = LEVEL.matcher(message);
            if (matcher.find()) {
                level = Optional.of(matcher.group(1));
            }
            // Confluent adds the old schema's text, its version and the level as messages of their own.
            if (!message.startsWith("{oldSchema") && !message.startsWith("{compatibility")
                    && !message.startsWith("{validateFields")) {
                problems.add(message);
            }
        }
        if (problems.isEmpty()) {
            problems.add("the registry gave no reason");
        }
        return new SchemaChange(schema, name(), SchemaChange.Outcome.INCOMPATIBLE, problems,
                level.map(l -> "level " + l));
    }
}
