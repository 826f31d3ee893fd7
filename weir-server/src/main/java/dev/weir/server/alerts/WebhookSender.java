package dev.weir.server.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * POSTs alert events to webhooks, one at a time and in order, off the evaluator's thread. A
 * request that times out, fails to connect or gets a 5xx, 408 or 429 is tried again after a
 * pause, up to {@code attempts} times in all; failures are logged, never thrown. Logs name the
 * webhook by scheme, host and port only, since its path often carries a token.
 */
final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final HttpClient client;
    private final Duration timeout;
    private final int attempts;
    private final Duration retryDelay;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "weir-alert-webhooks");
        t.setDaemon(true);
        return t;
    });

    WebhookSender(Duration timeout, int attempts, Duration retryDelay) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.timeout = timeout;
        this.attempts = attempts;
        this.retryDelay = retryDelay;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends {@code json} to {@code url}; the future says whether a 2xx answer came, and never fails. */
    CompletableFuture<Boolean> post(URI url, String json) {
        return CompletableFuture.supplyAsync(() -> deliver(url, json), executor);
    }

    private boolean deliver(URI url, String json) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "weir-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            String problem;
            boolean retry;
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                int code = response.statusCode();
                if (code >= 200 && code < 300) {
                    return true;
                }
                problem = "HTTP " + code;
                retry = code >= 500 || code == 408 || code == 429;
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                retry = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("alert webhook {}: not sent, Weir is stopping", where(url));
                return false;
            }
            if (!retry || attempt == attempts) {
                LOG.warn("alert webhook {} failed ({}) after {} attempt(s); the event is on the alerts topic",
                        where(url), problem, attempt);
                return false;
            }
            LOG.info("alert webhook {} failed ({}), trying again in {} ms", where(url), problem, retryDelay.toMillis());
            try {
                Thread.sleep(retryDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The webhook without its path, query or user info, which may hold secrets. */
    static String where(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    /** Lets the events already handed over go out, for as long as their attempts may take. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            long most = (timeout.toMillis() + retryDelay.toMillis()) * attempts;
            if (!executor.awaitTermination(Math.min(most, 30_000), TimeUnit.MILLISECONDS)) {
                LOG.warn("alert webhooks: events still unsent at shutdown were dropped");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
