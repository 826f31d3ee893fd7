package dev.weir.server.observe;

import java.util.List;
import java.util.Map;

/**
 * The project as a graph, derived from its resources: generators, connectors, topics, pipelines
 * (with their steps) and the topics they write. Edges point the way data flows.
 */
public record LineageGraph(List<Node> nodes, List<Edge> edges) {

    public LineageGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * @param id      unique in the graph, e.g. {@code topic:payments}, {@code pipeline:score-payments}
     * @param kind    {@code topic}, {@code pipeline}, {@code generator} or {@code connector}
     * @param details what the dashboard shows: a pipeline's steps, a topic's partitions, format, schema
     */
    public record Node(String id, String kind, String name, Map<String, Object> details) {
    }

    /**
     * Data flows from {@code from} to {@code to}; {@code role} is generates (generator to topic),
     * source, table (enrich) or join (topic to pipeline), sink, route, aggregate or dead-letters
     * (pipeline to topic); reads and writes name what no other role covers.
     */
    public record Edge(String from, String to, String role) {
    }
}
