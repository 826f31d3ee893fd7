package dev.weir.engine.testing;

import dev.weir.engine.compile.CompiledPipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pipelines of one test case, each on its own test driver, connected through their topics
 * as they would be on a cluster: a record one pipeline writes is fed to every other pipeline
 * that reads its topic, and so on until no new record comes. Every record on every topic is
 * kept, in the order it was written. State is fresh, and deleted on {@link #close()}.
 */
final class PipelineNetwork implements AutoCloseable {

    /** Records passed around for one input record before the network is taken to be looping. */
    static final int MAX_HOPS = 10_000;

    private record Delivery(TopicRecord record, PipelineDriver from) {
    }

    private final Path stateDir;
    private final List<PipelineDriver> drivers = new ArrayList<>();
    private final Map<String, List<TopicRecord>> topics = new LinkedHashMap<>();

    PipelineNetwork(List<CompiledPipeline> pipelines, Path stateDir, Instant wallClock) {
        this.stateDir = stateDir;
        try {
            for (CompiledPipeline p : pipelines) {
                drivers.add(new PipelineDriver(p, stateDir.resolve(p.name()), wallClock));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Sends a record to its topic and lets every pipeline downstream of it run. */
    void send(TopicRecord record) {
        Deque<Delivery> queue = new ArrayDeque<>();
        queue.add(new Delivery(record, null));
        flow(queue);
    }

    /** Moves every driver's wall-clock time on (wall-clock punctuators run) and passes on what they write. */
    void advanceWallClock(Duration by) {
        Deque<Delivery> queue = new ArrayDeque<>();
        for (PipelineDriver d : drivers) {
            d.advanceWallClock(by);
            d.drain().forEach(r -> queue.add(new Delivery(r, d)));
        }
        flow(queue);
    }

    private void flow(Deque<Delivery> queue) {
        int hops = 0;
        while (!queue.isEmpty()) {
            if (++hops > MAX_HOPS) {
                throw new IllegalStateException("records kept flowing after " + MAX_HOPS
                        + " hops between pipelines; do pipelines feed each other in a loop?");
            }
            Delivery d = queue.poll();
            topics.computeIfAbsent(d.record().topic(), t -> new ArrayList<>()).add(d.record());
            for (PipelineDriver driver : drivers) {
                // a pipeline that reads its own output gets it from its test driver already
                if (driver != d.from() && driver.reads(d.record().topic())) {
                    driver.pipe(d.record());
                    driver.drain().forEach(r -> queue.add(new Delivery(r, driver)));
                }
            }
        }
    }

    /** The records on a topic, in the order they were written; empty for a topic nothing wrote. */
    List<TopicRecord> records(String topic) {
        return topics.getOrDefault(topic, List.of());
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (PipelineDriver d : drivers) {
            try {
                d.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        deleteRecursively(stateDir);
        if (failure != null) {
            throw failure;
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete test state in " + dir, e);
        }
    }
}
