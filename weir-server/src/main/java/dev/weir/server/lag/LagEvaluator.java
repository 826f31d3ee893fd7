package dev.weir.server.lag;

import dev.weir.server.observe.LagStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Judges one partition of a consumer group from its window of observations, by LinkedIn Burrow's
 * rules: no lag threshold, only how the committed offset and the lag move over the window. Pure:
 * no Kafka, no clock of its own. The rules, in the order they are applied:
 *
 * <ol>
 *   <li><b>OK</b> if the partition has no lag now (committed offset at the end of the log).</li>
 *   <li><b>STOP</b> if the time since the newest observation is longer than the window spans
 *       (oldest to newest observation), or than a full window would span
 *       ({@code (capacity - 1) x interval}), whichever is longer. The second bound gives a consumer
 *       a full window's time before it is called stopped when Weir has seen it only briefly.</li>
 *   <li><b>REWIND</b> if the committed offset went back somewhere in the window and the partition
 *       has not had zero lag since. (Checked before the zero-lag rule, as newer Burrow releases do:
 *       a group reset to the start after being caught up is a rewind, not OK.)</li>
 *   <li><b>OK</b> if the lag was zero at any observation in the window.</li>
 *   <li><b>OK</b> if the window is not full yet: STALL and WARN are claims about a whole window.</li>
 *   <li><b>STALL</b> if the committed offset is the same at every observation of the full window.</li>
 *   <li><b>WARN</b> if the lag never went down from one observation to the next and ended higher
 *       than it began: the group moves, but falls further behind.</li>
 *   <li>Otherwise <b>OK</b>: commits move and the lag is not growing.</li>
 * </ol>
 *
 * <p>Differences from Burrow: a lag that stays exactly level while commits move is OK here
 * (Burrow warns): the group keeps pace. Burrow's extra check that delays STOP while recent end
 * offsets show the group was caught up is not needed, because {@link LagMonitor} only stops
 * recording observations when no live member owns the partition.
 */
public final class LagEvaluator {

    private final Duration interval;

    /**
     * @param interval the usual time between two observations (the monitor's poll interval); with
     *                 the window's capacity it sets the shortest time a partition must go without
     *                 an observation before it is STOP
     */
    public LagEvaluator(Duration interval) {
        Objects.requireNonNull(interval, "interval can't be null");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.interval = interval;
    }

    /**
     * The partition's status now.
     *
     * @param window    its observations, oldest first
     * @param endOffset the partition's end offset now (it may have moved since the newest observation)
     * @param now       the time of judgement
     */
    public LagStatus evaluate(CommitWindow window, long endOffset, Instant now) {
        Objects.requireNonNull(window, "window can't be null");
        Objects.requireNonNull(now, "now can't be null");
        if (window.isEmpty() || OffsetObservation.lag(window.last().committedOffset(), endOffset) == 0) {
            return LagStatus.OK;
        }
        if (stopped(window, now)) {
            return LagStatus.STOP;
        }
        List<OffsetObservation> seen = window.observations();
        if (rewoundAndNotCaughtUp(seen)) {
            return LagStatus.REWIND;
        }
        if (seen.stream().anyMatch(o -> o.lag() == 0) || !window.isFull()) {
            return LagStatus.OK;
        }
        if (seen.stream().allMatch(o -> o.committedOffset() == window.first().committedOffset())) {
            return LagStatus.STALL;
        }
        if (fallingBehind(seen)) {
            return LagStatus.WARN;
        }
        return LagStatus.OK;
    }

    private boolean stopped(CommitWindow window, Instant now) {
        Duration fullWindow = interval.multipliedBy(window.capacity() - 1L);
        Duration grace = window.span().compareTo(fullWindow) > 0 ? window.span() : fullWindow;
        return Duration.between(window.last().at(), now).compareTo(grace) > 0;
    }

    private static boolean rewoundAndNotCaughtUp(List<OffsetObservation> seen) {
        int lastRewind = -1;
        for (int i = 1; i < seen.size(); i++) {
            if (seen.get(i).committedOffset() < seen.get(i - 1).committedOffset()) {
                lastRewind = i;
            }
        }
        if (lastRewind < 0) {
            return false;
        }
        for (int i = lastRewind; i < seen.size(); i++) {
            if (seen.get(i).lag() == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean fallingBehind(List<OffsetObservation> seen) {
        for (int i = 1; i < seen.size(); i++) {
            if (seen.get(i).lag() < seen.get(i - 1).lag()) {
                return false;
            }
        }
        return seen.get(seen.size() - 1).lag() > seen.get(0).lag();
    }
}
