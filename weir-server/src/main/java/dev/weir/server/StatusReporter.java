package dev.weir.server;

import dev.weir.engine.metrics.PipelineMetrics;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Prints, every few seconds, one line per pipeline: state, records in, out, dead-lettered, and rates. */
public final class StatusReporter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final Map<String, long[]> previous = new HashMap<>();
    private long previousNanos = System.nanoTime();

    public StatusReporter(PrintStream out) {
        this.out = out;
    }

    /** A pipeline's counters and a way to read its current state. */
    public record Row(PipelineMetrics metrics, Supplier<String> state) {
    }

    public void report(List<Row> rows, List<String> extraLines) {
        long now = System.nanoTime();
        double seconds = Math.max(0.001, (now - previousNanos) / 1e9);
        previousNanos = now;
        String time = LocalTime.now().format(TIME);
        int width = rows.stream().mapToInt(r -> r.metrics().pipeline().length()).max().orElse(8);
        for (Row r : rows) {
            PipelineMetrics m = r.metrics();
            long[] prev = previous.getOrDefault(m.pipeline(), new long[3]);
            long in = m.in();
            long outCount = m.out();
            long dead = m.dead();
            out.printf("%s  %-" + width + "s  %-11s in %,9d (%,7.0f/s)  out %,9d (%,7.0f/s)  dead-lettered %,7d%n",
                    time, m.pipeline(), r.state().get(), in, (in - prev[0]) / seconds, outCount,
                    (outCount - prev[1]) / seconds, dead);
            previous.put(m.pipeline(), new long[]{in, outCount, dead});
        }
        for (String line : extraLines) {
            out.printf("%s  %s%n", time, line);
        }
        out.flush();
    }
}
