package dev.weir.engine.generator;

/**
 * Spreads records evenly over time at a fixed rate: a token bucket that fills at {@code rate}
 * tokens a second and holds at most a tenth of a second's worth (at least one), so that after a
 * stall the producer catches up by a small burst only, never by a full second's records at once.
 * Time is passed in as {@link System#nanoTime()} readings, which keeps this testable.
 */
final class Pacer {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    Pacer(double ratePerSecond, long nowNanos) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.perNano = ratePerSecond / 1e9;
        this.capacity = Math.max(1.0, ratePerSecond / 10);
        this.tokens = 1.0; // the first record goes at once
        this.last = nowNanos;
    }

    /** How many records may go now, at most {@code max}; they are taken from the bucket. */
    int take(long nowNanos, int max) {
        refill(nowNanos);
        int n = (int) Math.min(Math.floor(tokens), max);
        tokens -= n;
        return n;
    }

    /** Nanoseconds until the next record may go; 0 if one may go now. */
    long nanosUntilNext(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            last = nowNanos;
        }
    }
}
