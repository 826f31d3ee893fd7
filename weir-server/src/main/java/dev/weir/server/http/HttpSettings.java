package dev.weir.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the Weir HTTP server listens, and how its rate history is kept.
 *
 * @param host          the address to bind: {@code 127.0.0.1} for this machine only, {@code 0.0.0.0} for every interface
 * @param port          the port; 0 picks a free one
 * @param sampleEvery   how often pipeline counters are sampled for rates and history
 * @param historySpan   how far back the history goes
 */
public record HttpSettings(String host, int port, Duration sampleEvery, Duration historySpan) {

    public static final Duration DEFAULT_SAMPLE_EVERY = Duration.ofSeconds(5);
    public static final Duration DEFAULT_HISTORY_SPAN = Duration.ofHours(1);

    public HttpSettings {
        Objects.requireNonNull(host, "host can't be null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (sampleEvery.isNegative() || sampleEvery.isZero()) {
            throw new IllegalArgumentException("sampleEvery must be positive, was " + sampleEvery);
        }
        if (historySpan.compareTo(sampleEvery) < 0) {
            throw new IllegalArgumentException("historySpan must be at least sampleEvery");
        }
    }

    public static HttpSettings of(String host, int port) {
        return new HttpSettings(host, port, DEFAULT_SAMPLE_EVERY, DEFAULT_HISTORY_SPAN);
    }

    public HttpSettings withSampleEvery(Duration every) {
        return new HttpSettings(host, port, every, historySpan);
    }
}
