package dev.weir.server;

import dev.weir.spec.generator.Generator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The project's data generators, started and stopped together. */
public final class GeneratorGroup implements AutoCloseable {

    private final List<Generator> generators;

    public GeneratorGroup(List<Generator> generators) {
        this.generators = List.copyOf(generators);
    }

    public Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        generators.forEach(g -> topics.add(g.topic()));
        return topics;
    }

    public void start(String bootstrapServers, Map<String, Object> clientConfig) {
    }

    public List<String> describe() {
        return new ArrayList<>();
    }

    public List<String> statusLines() {
        return new ArrayList<>();
    }

    @Override
    public void close() {
    }
}
