package dev.weir.server.http;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.server.observe.LineageGraph;
import dev.weir.spec.generator.Generator;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Topic;
import dev.weir.spec.step.Step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The project as a lineage graph built from what each compiled pipeline reads and writes:
 * generators write topics, topics feed pipelines (as source, or as a table), pipelines write
 * topics (sink, dead letters, or any other output). Node ids are {@code kind:name}.
 */
public final class TopicFlowGraph {

    private TopicFlowGraph() {
    }

    public static LineageGraph of(Project project, List<CompiledPipeline> pipelines) {
        Map<String, LineageGraph.Node> nodes = new LinkedHashMap<>();
        List<LineageGraph.Edge> edges = new ArrayList<>();
        for (Generator g : project.generators()) {
            String id = "generator:" + g.name();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("rate", g.rate());
            g.count().ifPresent(c -> details.put("count", c));
            nodes.put(id, new LineageGraph.Node(id, "generator", g.name(), details));
            topic(nodes, project, g.topic());
            edges.add(new LineageGraph.Edge(id, "topic:" + g.topic(), "generates"));
        }
        for (CompiledPipeline p : pipelines) {
            String id = "pipeline:" + p.name();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("applicationId", p.applicationId());
            details.put("steps", p.pipeline().steps().stream().map(TopicFlowGraph::step).toList());
            details.put("deadLetterTopic", p.pipeline().errors().deadLetterTopic());
            nodes.put(id, new LineageGraph.Node(id, "pipeline", p.name(), details));
            List<String> sources = p.pipeline().source().topics();
            for (String t : new TreeSet<>(p.inputTopics())) {
                topic(nodes, project, t);
                edges.add(new LineageGraph.Edge("topic:" + t, id, sources.contains(t) ? "source" : "table"));
            }
            String sink = p.pipeline().sink().map(s -> s.topic()).orElse(null);
            String dead = p.pipeline().errors().deadLetterTopic();
            for (String t : new TreeSet<>(p.outputTopics())) {
                topic(nodes, project, t);
                String role = t.equals(dead) ? "dead-letters" : t.equals(sink) ? "sink" : "writes";
                edges.add(new LineageGraph.Edge(id, "topic:" + t, role));
            }
        }
        for (Topic t : project.topics()) {
            topic(nodes, project, t.name());
        }
        return new LineageGraph(new ArrayList<>(nodes.values()), edges);
    }

    private static Map<String, Object> step(Step s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("type", s.type());
        return m;
    }

    private static void topic(Map<String, LineageGraph.Node> nodes, Project project, String name) {
        nodes.computeIfAbsent("topic:" + name, id -> {
            Map<String, Object> details = new LinkedHashMap<>();
            project.topic(name).ifPresent(t -> {
                details.put("partitions", t.partitions());
                details.put("format", t.format().name().toLowerCase().replace('_', '-'));
                t.schema().ifPresent(s -> details.put("schema", s.path()));
            });
            details.put("declared", project.topic(name).isPresent());
            return new LineageGraph.Node(id, "topic", name, details);
        });
    }
}
