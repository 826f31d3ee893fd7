package dev.weir.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

/**
 * Reads subjects and their versions from a Confluent-compatible schema registry's REST API
 * (Weir's own, embedded in {@code weir up}, or any other), for the schema views.
 */
final class SchemaRegistryBrowser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One version of a subject as the registry stores it. */
    record Version(String subject, int version, int id, String type, String schema) {
    }

    private final URI base;
    private final Optional<String> authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SchemaRegistryBrowser(ApiSources.Registry registry) {
        this.base = URI.create(registry.url().endsWith("/") ? registry.url() : registry.url() + "/");
        this.authorization = registry.user().map(u -> "Basic " + Base64.getEncoder()
                .encodeToString((u + ":" + registry.password().orElse("")).getBytes(StandardCharsets.UTF_8)));
    }

    String url() {
        return base.toString();
    }

    List<String> subjects() {
        List<String> out = new ArrayList<>();
        get("subjects").forEach(n -> out.add(n.asText()));
        out.sort(null);
        return out;
    }

    List<Integer> versions(String subject) {
        List<Integer> out = new ArrayList<>();
        get("subjects/" + encode(subject) + "/versions").forEach(n -> out.add(n.asInt()));
        out.sort(null);
        return out;
    }

    /** @param version a version number, or {@code latest} */
    Version version(String subject, String version) {
        JsonNode n = get("subjects/" + encode(subject) + "/versions/" + encode(version));
        return new Version(n.path("subject").asText(subject), n.path("version").asInt(), n.path("id").asInt(),
                n.path("schemaType").asText("AVRO"), n.path("schema").asText());
    }

    private JsonNode get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json").GET();
        authorization.ifPresent(a -> request.header("Authorization", a));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() == 404) {
                throw ApiError.notFound(body.path("message").asText("not found in the schema registry"));
            }
            if (response.statusCode() / 100 != 2) {
                throw ApiError.unavailable("schema registry " + base + " answered " + response.statusCode() + ": "
                        + body.path("message").asText(response.body()));
            }
            return body;
        } catch (IOException e) {
            throw ApiError.unavailable("cannot reach the schema registry at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("interrupted while calling the schema registry");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
