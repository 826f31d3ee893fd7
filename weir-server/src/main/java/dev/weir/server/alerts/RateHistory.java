package dev.weir.server.alerts;

import dev.weir.engine.health.PipelineHealth;
import dev.weir.engine.metrics.PipelineMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * A pipeline's counters sampled over the last hour and a minute, from which its rates are read:
 * per second over the last minute (or over as long as there are samples, at first), and the
 * output rate over the hour before that minute, the baseline. Counters that go down belong to a
 * pipeline started again; its history starts over. Not thread-safe: one evaluator drives it.
 */
final class RateHistory {

    /** The counters at one moment. */
    record Sample(Instant at, long in, long out, long dead, long filtered) {

        static Sample of(Instant at, PipelineMetrics m) {
            return new Sample(at, m.in(), m.out(), m.dead(), m.filteredCount());
        }
    }

    static final Duration RECENT = Duration.ofMinutes(1);
    static final Duration BASELINE = Duration.ofHours(1);

    private final Deque<Sample> samples = new ArrayDeque<>();
    private Instant lastOutputAt;

    /** Adds the counters as they are now; samples must come in time order. */
    void add(Sample s) {
        Sample last = samples.peekLast();
        if (last != null && (s.in() < last.in() || s.out() < last.out() || s.dead() < last.dead()
                || s.filtered() < last.filtered())) {
            samples.clear();
            last = null;
        }
        if (last == null || s.out() > last.out()) {
            lastOutputAt = s.at();
        }
        samples.addLast(s);
        forgetBefore(s.at().minus(RECENT).minus(BASELINE));
    }

    /** Drops samples older than {@code limit}, but keeps the newest of those, where a window may begin. */
    private void forgetBefore(Instant limit) {
        while (samples.size() >= 2) {
            Sample first = samples.removeFirst();
            if (samples.peekFirst().at().isAfter(limit)) {
                samples.addFirst(first);
                return;
            }
        }
    }

    int size() {
        return samples.size();
    }

    /** The health from the newest sample, with the lag and state read elsewhere. */
    PipelineHealth health(long lag, String lagStatus, String state) {
        Sample now = samples.peekLast();
        if (now == null) {
            throw new IllegalStateException("no sample yet");
        }
        Sample recentStart = atOrBefore(now.at().minus(RECENT));
        double seconds = seconds(recentStart, now);
        Sample baselineStart = atOrBefore(recentStart.at().minus(BASELINE));
        double baselineSeconds = seconds(baselineStart, recentStart);
        return new PipelineHealth(
                perSecond(now.in() - recentStart.in(), seconds),
                perSecond(now.out() - recentStart.out(), seconds),
                perSecond(now.dead() - recentStart.dead(), seconds) * 60,
                perSecond(now.filtered() - recentStart.filtered(), seconds),
                perSecond(recentStart.out() - baselineStart.out(), baselineSeconds),
                Duration.between(lastOutputAt, now.at()).toMillis() / 1000.0,
                lag, lagStatus, state);
    }

    /** The newest sample taken at or before {@code t}; the oldest when none is that old. */
    private Sample atOrBefore(Instant t) {
        Iterator<Sample> newestFirst = samples.descendingIterator();
        Sample found = samples.peekFirst();
        while (newestFirst.hasNext()) {
            Sample s = newestFirst.next();
            if (!s.at().isAfter(t)) {
                found = s;
                break;
            }
        }
        return found;
    }

    private static double seconds(Sample from, Sample to) {
        return Duration.between(from.at(), to.at()).toMillis() / 1000.0;
    }

    private static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0.0 : count / seconds;
    }
}
