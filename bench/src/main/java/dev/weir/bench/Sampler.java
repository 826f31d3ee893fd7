package dev.weir.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Samples peak heap, and the CPU time of the threads whose names carry the run's tag. */
final class Sampler implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private volatile String tag;
    private final Map<Long, Long> cpuByThread = new ConcurrentHashMap<>();
    private volatile long peakHeap;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread = new Thread(this::loop, "bench-sampler");

    Sampler(String tag) {
        this.tag = tag;
        thread.setDaemon(true);
    }

    Sampler start() {
        thread.start();
        return this;
    }

    void retag(String newTag) {
        this.tag = newTag;
    }

    private void loop() {
        while (running.get()) {
            sample();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        peakHeap = Math.max(peakHeap, MEMORY.getHeapMemoryUsage().getUsed());
        String current = tag;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(current)) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    cpuByThread.merge(info.getThreadId(), cpu, Math::max);
                }
            }
        }
    }

    /** CPU seconds of the tagged threads so far; later samples (after a retag) are not counted. */
    synchronized double cpuSeconds() {
        sample();
        double s = cpuByThread.values().stream().mapToLong(Long::longValue).sum() / 1e9;
        tag = "\u0000none";
        return s;
    }

    double peakMb() {
        return peakHeap / (1024.0 * 1024.0);
    }

    @Override
    public void close() {
        running.set(false);
    }
}
