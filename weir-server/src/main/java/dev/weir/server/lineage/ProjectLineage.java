package dev.weir.server.lineage;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.server.observe.LineageGraph;
import dev.weir.spec.generator.Generator;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Topic;
import dev.weir.spec.schema.TopicSchema;
import dev.weir.spec.step.AggregateStep;
import dev.weir.spec.step.EnrichStep;
import dev.weir.spec.step.JoinStep;
import dev.weir.spec.step.RouteStep;
import dev.weir.spec.step.Step;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A project's lineage: which generators write which topics, which pipelines read and write
 * them and in what role, derived from the resources alone (nothing needs to run). Nodes are
 * sorted by id and edges by (from, to, role), so the same project always gives the same JSON.
 */
public final class ProjectLineage {

    /** Edge roles: how data moves along an edge. */
    public static final String GENERATES = "generates";
    public static final String SOURCE = "source";
    public static final String TABLE = "table";
    public static final String JOIN = "join";
    public static final String SINK = "sink";
    public static final String ROUTE = "route";
    public static final String AGGREGATE = "aggregate";
    public static final String DEAD_LETTERS = "dead-letters";
    /** A topic the compiled pipeline reads or writes that no role above accounts for (a step type added later). */
    public static final String READS = "reads";
    public static final String WRITES = "writes";

    private ProjectLineage() {
    }

    public static String topicId(String name) {
        return "topic:" + name;
    }

    public static String pipelineId(String name) {
        return "pipeline:" + name;
    }

    public static String generatorId(String name) {
        return "generator:" + name;
    }

    /** The graph of the project; {@code pipelines} are its compiled pipelines (for application ids and topics). */
    public static LineageGraph graph(Project project, List<CompiledPipeline> pipelines) {
        Map<String, CompiledPipeline> compiled = pipelines.stream()
                .collect(Collectors.toMap(CompiledPipeline::name, Function.identity(), (a, b) -> a));
        Set<LineageGraph.Edge> edges = new TreeSet<>(Comparator.comparing(LineageGraph.Edge::from)
                .thenComparing(LineageGraph.Edge::to).thenComparing(LineageGraph.Edge::role));
        Map<String, LineageGraph.Node> nodes = new TreeMap<>();
        Set<String> topics = new TreeSet<>();
        project.topics().forEach(t -> topics.add(t.name()));

        for (Generator g : project.generators()) {
            String name = g.metadata().name();
            nodes.put(generatorId(name), new LineageGraph.Node(generatorId(name), "generator", name, generatorDetails(g)));
            edges.add(new LineageGraph.Edge(generatorId(name), topicId(g.topic()), GENERATES));
            topics.add(g.topic());
        }

        for (Pipeline p : project.pipelines()) {
            String id = pipelineId(p.name());
            CompiledPipeline c = compiled.get(p.name());
            nodes.put(id, new LineageGraph.Node(id, "pipeline", p.name(), pipelineDetails(project, p, c)));
            List<LineageGraph.Edge> own = new ArrayList<>();
            p.source().topics().forEach(t -> own.add(new LineageGraph.Edge(topicId(t), id, SOURCE)));
            for (Step step : p.steps()) {
                if (step instanceof EnrichStep s) {
                    own.add(new LineageGraph.Edge(topicId(s.table()), id, TABLE));
                } else if (step instanceof JoinStep s) {
                    own.add(new LineageGraph.Edge(topicId(s.topic()), id, JOIN));
                } else if (step instanceof RouteStep s) {
                    s.branches().forEach(b -> own.add(new LineageGraph.Edge(id, topicId(b.to()), ROUTE)));
                    s.defaultTopic().ifPresent(t -> own.add(new LineageGraph.Edge(id, topicId(t), ROUTE)));
                } else if (step instanceof AggregateStep s && s.to().isPresent()) {
                    own.add(new LineageGraph.Edge(id, topicId(s.to().get()), AGGREGATE));
                }
            }
            p.sink().ifPresent(s -> own.add(new LineageGraph.Edge(id, topicId(s.topic()), SINK)));
            own.add(new LineageGraph.Edge(id, topicId(p.errors().deadLetterTopic()), DEAD_LETTERS));
            if (c != null) {
                // What the compiler says the pipeline reads and writes, in case a step type is not known here.
                Set<String> reads = own.stream().filter(e -> e.to().equals(id)).map(LineageGraph.Edge::from)
                        .collect(Collectors.toSet());
                Set<String> writes = own.stream().filter(e -> e.from().equals(id)).map(LineageGraph.Edge::to)
                        .collect(Collectors.toSet());
                c.inputTopics().stream().filter(t -> !reads.contains(topicId(t)))
                        .forEach(t -> own.add(new LineageGraph.Edge(topicId(t), id, READS)));
                c.outputTopics().stream().filter(t -> !writes.contains(topicId(t)))
                        .forEach(t -> own.add(new LineageGraph.Edge(id, topicId(t), WRITES)));
            }
            for (LineageGraph.Edge e : own) {
                edges.add(e);
                topics.add(name(e.from().equals(id) ? e.to() : e.from()));
            }
        }

        // Connectors go here once the model has kind: Connector: a node "connector:NAME" (kind
        // "connector") with an edge connector -> topic (role "source") for a source connector,
        // and topic -> connector (role "sink") for a sink connector.

        for (String t : topics) {
            nodes.put(topicId(t), new LineageGraph.Node(topicId(t), "topic", t, topicDetails(project, t)));
        }
        return new LineageGraph(List.copyOf(nodes.values()), List.copyOf(edges));
    }

    private static String name(String nodeId) {
        return nodeId.substring(nodeId.indexOf(':') + 1);
    }

    private static Map<String, Object> generatorDetails(Generator g) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("topic", g.topic());
        d.put("rate", g.rate());
        g.count().ifPresent(n -> d.put("count", n));
        g.key().ifPresent(k -> d.put("key", k));
        return Collections.unmodifiableMap(d);
    }

    private static Map<String, Object> pipelineDetails(Project project, Pipeline p, CompiledPipeline c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("applicationId", c != null ? c.applicationId() : PipelineCompiler.applicationId(project, p));
        p.metadata().owner().ifPresent(o -> d.put("owner", o));
        d.put("guarantee", words(p.guarantee()));
        d.put("deadLetterTopic", p.errors().deadLetterTopic());
        d.put("definitionHash", PipelineDefinition.hash(p));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Step s : p.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("id", s.id());
            step.put("type", s.type());
            step.put("summary", StepSummary.of(s));
            steps.add(Collections.unmodifiableMap(step));
        }
        d.put("steps", List.copyOf(steps));
        return Collections.unmodifiableMap(d);
    }

    private static Map<String, Object> topicDetails(Project project, String name) {
        Map<String, Object> d = new LinkedHashMap<>();
        var declared = project.topic(name);
        d.put("declared", declared.isPresent());
        if (declared.isEmpty()) {
            // Weir creates it with the project's defaults.
            d.put("partitions", project.settings().defaultPartitions());
            d.put("replicationFactor", (int) project.settings().defaultReplicationFactor());
            return Collections.unmodifiableMap(d);
        }
        Topic t = declared.get();
        d.put("partitions", t.partitions());
        d.put("replicationFactor", (int) t.replicationFactor());
        d.put("format", words(t.format()));
        d.put("compacted", t.compacted());
        t.metadata().owner().ifPresent(o -> d.put("owner", o));
        t.schema().ifPresent(s -> d.put("schema", schemaDetails(t, s)));
        return Collections.unmodifiableMap(d);
    }

    private static Map<String, Object> schemaDetails(Topic t, TopicSchema s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", s.kind().registryType());
        d.put("path", s.path());
        if (t.format().usesRegistry()) {
            d.put("subject", t.name() + "-value");
        }
        return Collections.unmodifiableMap(d);
    }

    /** An enum constant as YAML writes it: {@code EXACTLY_ONCE} is {@code exactly-once}. */
    static String words(Enum<?> e) {
        return e.name().toLowerCase().replace('_', '-');
    }
}
