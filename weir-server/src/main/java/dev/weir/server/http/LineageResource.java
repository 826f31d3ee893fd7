package dev.weir.server.http;

import dev.weir.server.PipelineRunner;
import dev.weir.server.ProjectRuntime;
import dev.weir.server.observe.LineageGraph;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /api/lineage}: the project as a graph, each pipeline with its state and each edge with
 * the records per second flowing along it now (null where nothing measures it, e.g. a table read).
 */
@Path("/api/lineage")
@Produces(MediaType.APPLICATION_JSON)
public final class LineageResource {

    private final ProjectRuntime runtime;
    private final Supplier<LineageGraph> lineage;
    private final RateHistory history;

    LineageResource(ProjectRuntime runtime, Supplier<LineageGraph> lineage, RateHistory history) {
        this.runtime = runtime;
        this.lineage = lineage;
        this.history = history;
    }

    record NodeView(String id, String kind, String name, String state, Map<String, Object> details) {
    }

    record EdgeView(String from, String to, String role, Double rate) {
    }

    record Graph(List<NodeView> nodes, List<EdgeView> edges) {
    }

    @GET
    public Graph graph() {
        LineageGraph g = lineage.get();
        Map<String, String> states = new HashMap<>();
        for (PipelineRunner.Running r : runtime.runner().running()) {
            states.put("pipeline:" + r.pipeline().name(), r.state());
        }
        Map<String, LineageGraph.Node> byId = new HashMap<>();
        List<NodeView> nodes = new ArrayList<>();
        for (LineageGraph.Node n : g.nodes()) {
            byId.put(n.id(), n);
            String state = n.kind().equals("pipeline") ? states.getOrDefault(n.id(), "NOT_STARTED") : null;
            nodes.add(new NodeView(n.id(), n.kind(), n.name(), state, n.details()));
        }
        List<EdgeView> edges = new ArrayList<>();
        for (LineageGraph.Edge e : g.edges()) {
            edges.add(new EdgeView(e.from(), e.to(), e.role(), rate(e, byId.get(e.from()), byId.get(e.to()))));
        }
        return new Graph(nodes, edges);
    }

    private Double rate(LineageGraph.Edge e, LineageGraph.Node from, LineageGraph.Node to) {
        if (from == null || to == null) {
            return null;
        }
        if (from.kind().equals("generator") && to.kind().equals("topic")) {
            return history.generatorRate(from.name()).orElse(null);
        }
        if (from.kind().equals("topic") && to.kind().equals("pipeline")) {
            Double rate = history.current(to.name()).inByTopic().get(from.name());
            // Table and join reads are not counted per record; a source that sent nothing yet flows at 0.
            return rate == null && e.role().equals("source") ? Double.valueOf(0.0) : rate;
        }
        if (from.kind().equals("pipeline") && to.kind().equals("topic")) {
            RateHistory.Rates r = history.current(from.name());
            if (e.role().equals("dead-letters")) {
                return r.dead();
            }
            return r.outByTopic().getOrDefault(to.name(), 0.0);
        }
        return null;
    }
}
