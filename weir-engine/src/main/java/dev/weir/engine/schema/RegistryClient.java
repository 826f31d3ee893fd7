package dev.weir.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.engine.record.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of the Confluent Schema Registry REST API (Weir's own registry, Confluent's, Apicurio's
 * compatibility API, Karapace). Schemas never change once registered, so lookups are cached for
 * the life of the process. TLS uses the JVM's trust store ({@code javax.net.ssl.trustStore}).
 */
public final class RegistryClient implements SchemaSource {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final URI base;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final Map<Integer, RegisteredSchema> byId = new ConcurrentHashMap<>();
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    public RegistryClient(String url, Optional<String> user, Optional<String> password) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.authorization = user.map(u -> "Basic " + Base64.getEncoder()
                .encodeToString((u + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String url() {
        return base.toString();
    }

    @Override
    public RegisteredSchema byId(int id) throws SchemaException {
        RegisteredSchema cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode body = call("GET", "schemas/ids/" + id, null);
        Map<String, String> references = new LinkedHashMap<>();
        collectReferences(body.path("references"), references, 0);
        RegisteredSchema schema = new RegisteredSchema(id, body.path("schemaType").asText("AVRO"),
                body.path("schema").asText(), references);
        byId.put(id, schema);
        return schema;
    }

    /** Adds the referenced schemas, and what they reference in turn, by the names they are imported with. */
    private void collectReferences(JsonNode refs, Map<String, String> into, int depth) throws SchemaException {
        if (depth > 32) {
            throw new SchemaException("schema references nest deeper than 32 levels");
        }
        for (JsonNode ref : refs) {
            String name = ref.path("name").asText();
            if (into.containsKey(name)) {
                continue;
            }
            JsonNode version = call("GET", "subjects/" + encode(ref.path("subject").asText()) + "/versions/"
                    + ref.path("version").asText(), null);
            into.put(name, version.path("schema").asText());
            collectReferences(version.path("references"), into, depth + 1);
        }
    }

    @Override
    public int register(String subject, String type, String schema) throws SchemaException {
        String key = subject + "\u0000" + type + "\u0000" + schema;
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        ObjectNode request = Json.MAPPER.createObjectNode().put("schema", schema);
        if (!"AVRO".equals(type)) {
            request.put("schemaType", type);
        }
        int id = call("POST", "subjects/" + encode(subject) + "/versions", request.toString()).path("id").asInt();
        ids.put(key, id);
        return id;
    }

    private JsonNode call(String method, String path, String body) throws SchemaException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE + ", application/json");
        authorization.ifPresent(a -> request.header("Authorization", a));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new SchemaException("schema registry " + base + " answered " + response.statusCode() + " to "
                        + method + " /" + path + ": " + json.path("message").asText(response.body())
                        + (json.has("error_code") ? " (error " + json.path("error_code").asInt() + ")" : ""));
            }
            return json;
        } catch (IOException e) {
            throw new SchemaException("cannot reach the schema registry at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaException("interrupted while calling the schema registry", e);
        }
    }

    private static String encode(String subject) {
        return java.net.URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
