package dev.weir.server.lineage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * POSTs each event as JSON to {@code <url>/api/v1/lineage}, the endpoint Marquez and other
 * OpenLineage receivers accept. Each request has the configured timeout; a failure is logged.
 */
final class HttpLineageTransport implements LineageTransport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpLineageTransport.class);

    static final String PATH = "/api/v1/lineage";

    private final URI endpoint;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final HttpClient client;

    HttpLineageTransport(String url, Optional<String> apiKey, Duration timeout) {
        this.endpoint = URI.create(url.replaceAll("/+$", "") + PATH);
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void send(LineageEvent event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event.json(), StandardCharsets.UTF_8));
        apiKey.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("lineage receiver {} refused the {} event of {}: HTTP {} {}", endpoint, event.eventType(),
                        event.key(), response.statusCode(), abbreviate(response.body()));
            }
        } catch (IOException e) {
            LOG.warn("cannot send the {} event of {} to lineage receiver {}: {}", event.eventType(), event.key(),
                    endpoint, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while sending the {} event of {} to {}", event.eventType(), event.key(), endpoint);
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    @Override
    public void close() {
        // The JDK client has no close before Java 21; its threads are daemons.
    }
}
