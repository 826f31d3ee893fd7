package dev.weir.engine.validate;

import dev.weir.spec.Position;
import dev.weir.spec.generator.Generator;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.step.AggregateStep;
import dev.weir.spec.step.EnrichStep;
import dev.weir.spec.step.JoinStep;
import dev.weir.spec.step.RouteStep;
import dev.weir.spec.step.Step;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which topics the pipelines and generators of a project read and write, and where each says so;
 * and the loops this makes, where a pipeline reads what it writes through other pipelines.
 */
final class TopicGraph {

    /** How a pipeline or generator uses a topic, in the words messages use. */
    enum Use {
        SOURCE("source topic", true), ENRICH("enrich table", true), JOIN("join topic", true),
        SINK("sink topic", false), ROUTE("route topic", false), AGGREGATE("aggregate topic", false),
        DEAD_LETTER("dead-letter topic", false), GENERATOR("generator topic", false);

        final String words;
        final boolean reads;

        Use(String words, boolean reads) {
            this.words = words;
            this.reads = reads;
        }
    }

    /** One use of a topic by {@code owner}, a pipeline (or a generator, for {@link Use#GENERATOR}). */
    record Reference(String topic, Use use, String owner, Position pos) {
    }

    private final List<Reference> references;

    private TopicGraph(List<Reference> references) {
        this.references = List.copyOf(references);
    }

    static TopicGraph of(Project project) {
        List<Reference> refs = new ArrayList<>();
        for (Pipeline p : project.pipelines()) {
            String name = p.name();
            p.source().topics().forEach(t -> refs.add(new Reference(t, Use.SOURCE, name, p.source().pos())));
            for (Step step : p.steps()) {
                if (step instanceof RouteStep s) {
                    s.branches().forEach(b -> refs.add(new Reference(b.to(), Use.ROUTE, name, b.pos())));
                    s.defaultTopic().ifPresent(t -> refs.add(new Reference(t, Use.ROUTE, name, s.pos())));
                } else if (step instanceof EnrichStep s) {
                    refs.add(new Reference(s.table(), Use.ENRICH, name, s.pos()));
                } else if (step instanceof JoinStep s) {
                    refs.add(new Reference(s.topic(), Use.JOIN, name, s.pos()));
                } else if (step instanceof AggregateStep s && s.to().isPresent()) {
                    refs.add(new Reference(s.to().get(), Use.AGGREGATE, name, s.pos()));
                }
            }
            p.sink().ifPresent(s -> refs.add(new Reference(s.topic(), Use.SINK, name, s.pos())));
            refs.add(new Reference(p.errors().deadLetterTopic(), Use.DEAD_LETTER, name, p.errors().pos()));
        }
        for (Generator g : project.generators()) {
            refs.add(new Reference(g.topic(), Use.GENERATOR, g.metadata().name(), g.pos()));
        }
        return new TopicGraph(refs);
    }

    List<Reference> references() {
        return references;
    }

    /** Whether any pipeline reads {@code topic} (as source, enrich table or join topic). */
    boolean isRead(String topic) {
        return references.stream().anyMatch(r -> r.use().reads && r.topic().equals(topic));
    }

    boolean isUsed(String topic) {
        return references.stream().anyMatch(r -> r.topic().equals(topic));
    }

    /**
     * Loops of pipelines through topics, each as {@code [a, t1, b, t2]} for
     * {@code a -> t1 -> b -> t2 -> a}: pipeline a writes t1, which b reads; b writes t2, which a
     * reads. Each loop once, starting at its first pipeline by name; the shortest loop through every
     * pipeline that is in one.
     */
    List<List<String>> loops() {
        Map<String, Set<String>> writes = new LinkedHashMap<>();
        Map<String, Set<String>> readers = new HashMap<>();
        for (Reference r : references) {
            if (r.use() == Use.GENERATOR) {
                continue;
            }
            if (r.use().reads) {
                readers.computeIfAbsent(r.topic(), t -> new LinkedHashSet<>()).add(r.owner());
            } else {
                writes.computeIfAbsent(r.owner(), p -> new LinkedHashSet<>()).add(r.topic());
            }
        }
        Set<List<String>> loops = new LinkedHashSet<>();
        writes.keySet().stream().sorted().forEach(p -> shortestLoop(p, writes, readers).ifPresent(loops::add));
        return List.copyOf(loops);
    }

    /** Breadth-first from what {@code start} writes, back to {@code start}. */
    private static Optional<List<String>> shortestLoop(String start, Map<String, Set<String>> writes,
                                                       Map<String, Set<String>> readers) {
        Map<String, List<String>> pathTo = new HashMap<>(); // pipeline -> [start, t, p, t, ..., pipeline]
        pathTo.put(start, List.of(start));
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String p = queue.removeFirst();
            for (String topic : writes.getOrDefault(p, Set.of())) {
                for (String reader : readers.getOrDefault(topic, Set.of())) {
                    List<String> path = new ArrayList<>(pathTo.get(p));
                    path.add(topic);
                    if (reader.equals(start)) {
                        return Optional.of(fromFirstByName(path));
                    }
                    if (!pathTo.containsKey(reader)) {
                        path.add(reader);
                        pathTo.put(reader, path);
                        queue.addLast(reader);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The same loop, rotated to start at the pipeline whose name sorts first. */
    private static List<String> fromFirstByName(List<String> loop) {
        int best = 0;
        for (int i = 2; i < loop.size(); i += 2) {
            if (loop.get(i).compareTo(loop.get(best)) < 0) {
                best = i;
            }
        }
        List<String> rotated = new ArrayList<>(loop.subList(best, loop.size()));
        rotated.addAll(loop.subList(0, best));
        return Collections.unmodifiableList(rotated);
    }
}
