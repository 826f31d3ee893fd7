package dev.weir.server;

import dev.weir.engine.generator.GeneratorRunner;
import dev.weir.spec.generator.Generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The project's data generators, started and stopped together. */
public final class GeneratorGroup implements AutoCloseable {

    private final List<Generator> generators;
    private final List<GeneratorRunner> runners = new ArrayList<>();
    private final Map<String, Long> previous = new HashMap<>();
    private long previousNanos = System.nanoTime();

    public GeneratorGroup(List<Generator> generators) {
        this.generators = List.copyOf(generators);
    }

    public Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        generators.forEach(g -> topics.add(g.topic()));
        return topics;
    }

    public void start(String bootstrapServers, Map<String, Object> clientConfig) {
        for (Generator g : generators) {
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.put("bootstrap.servers", bootstrapServers);
            runners.add(GeneratorRunner.start(g, config));
        }
    }

    public List<GeneratorRunner> runners() {
        return List.copyOf(runners);
    }

    /** One line per generator: where it writes and how fast. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Generator g : generators) {
            lines.add(String.format("%s -> %s at %,.0f/s%s%s", g.name(), g.topic(), g.rate(),
                    g.count().map(c -> ", " + c + " records").orElse(""),
                    g.badRecords() > 0 ? String.format(", %.0f%% bad on purpose", g.badRecords() * 100) : ""));
        }
        return lines;
    }

    public List<String> statusLines() {
        long now = System.nanoTime();
        double seconds = Math.max(0.001, (now - previousNanos) / 1e9);
        previousNanos = now;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            GeneratorRunner r = runners.get(i);
            Generator g = generators.get(i);
            long produced = r.produced();
            long before = previous.getOrDefault(g.name(), 0L);
            previous.put(g.name(), produced);
            if (!r.isRunning() && before == produced) {
                continue; // finished generators say so once, then stay quiet
            }
            lines.add(String.format("generator %s -> %s: %,d sent (%,.0f/s)%s%s", g.name(), g.topic(), produced,
                    (produced - before) / seconds, r.failed() > 0 ? ", " + r.failed() + " failed" : "",
                    r.isRunning() ? "" : ", done"));
        }
        return lines;
    }

    @Override
    public void close() {
        for (GeneratorRunner r : runners) {
            r.close();
        }
        runners.clear();
    }
}
