package dev.weir.server.http;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.metrics.PipelineMetrics;
import dev.weir.server.PipelineRunner;
import dev.weir.server.ProjectRuntime;
import dev.weir.server.observe.GroupLag;
import dev.weir.server.observe.LagView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** {@code /api/pipelines}: each pipeline, what it reads and writes, its counters and rates, and its last hour. */
@Path("/api/pipelines")
@Produces(MediaType.APPLICATION_JSON)
public final class PipelinesResource {

    private final ProjectRuntime runtime;
    private final RateHistory history;
    private final LagView lag;

    PipelinesResource(ProjectRuntime runtime, RateHistory history, LagView lag) {
        this.runtime = runtime;
        this.history = history;
        this.lag = lag;
    }

    record Counts(long in, long out, long filtered, long dead, Map<String, Long> deadByStep,
                  Map<String, Long> inByTopic, Map<String, Long> outByTopic) {
    }

    record Rates(double in, double out, double filtered, double dead) {
    }

    record Latency(Double avg, Double max) {
    }

    record Lag(String status, long total) {
    }

    record Step(String id, String type) {
    }

    record PipelineView(String name, String state, String applicationId, List<String> inputs, List<String> sources,
                        List<String> outputs, String deadLetterTopic, String guarantee, Counts counts, Rates rates,
                        Latency latencyMs, Lag lag, List<Step> steps) {
    }

    record Point(String time, double in, double out, double filtered, double dead, long inTotal, long outTotal,
                 long deadTotal, Double latencyAvgMs, Double latencyMaxMs, Long lag, String lagStatus, String state) {
    }

    record History(String pipeline, long intervalSeconds, List<Point> samples) {
    }

    @GET
    public List<PipelineView> pipelines() {
        List<PipelineView> out = new ArrayList<>();
        for (CompiledPipeline p : runtime.pipelines()) {
            out.add(view(p));
        }
        return out;
    }

    @GET
    @Path("{name}")
    public PipelineView pipeline(@PathParam("name") String name) {
        return view(find(name));
    }

    @GET
    @Path("{name}/history")
    public History history(@PathParam("name") String name) {
        find(name);
        List<RateHistory.Sample> samples = history.samples(name);
        List<Point> points = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            RateHistory.Sample a = samples.get(i - 1);
            RateHistory.Sample b = samples.get(i);
            RateHistory.Rates r = RateHistory.rates(a, b);
            points.add(new Point(Instant.ofEpochMilli(b.atMillis()).toString(), r.in(), r.out(), r.filtered(), r.dead(),
                    b.in(), b.out(), b.dead(), b.latencyAvgMs(), b.latencyMaxMs(), b.lag(), b.lagStatus(), b.state()));
        }
        return new History(name, history.interval().toSeconds(), points);
    }

    private CompiledPipeline find(String name) {
        return runtime.pipelines().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no pipeline '" + name + "' in project " + runtime.project().name()
                        + " (it has: " + String.join(", ", runtime.pipelines().stream().map(CompiledPipeline::name).toList()) + ")"));
    }

    private PipelineView view(CompiledPipeline p) {
        Optional<PipelineRunner.Running> running = runtime.runner().running().stream()
                .filter(r -> r.pipeline().name().equals(p.name())).findFirst();
        PipelineMetrics m = p.metrics();
        String dead = p.pipeline().errors().deadLetterTopic();
        List<String> outputs = new ArrayList<>(new TreeSet<>(p.outputTopics()));
        outputs.remove(dead);
        RateHistory.Rates r = history.current(p.name());
        List<RateHistory.Sample> samples = history.samples(p.name());
        RateHistory.Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        Latency latency = last == null || (last.latencyAvgMs() == null && last.latencyMaxMs() == null) ? null
                : new Latency(last.latencyAvgMs(), last.latencyMaxMs());
        Lag lagView = null;
        try {
            lagView = lag.group(p.applicationId()).map(PipelinesResource::lag).orElse(null);
        } catch (RuntimeException notYetKnown) {
            // lag is best effort: a pipeline is shown without it
        }
        return new PipelineView(p.name(), running.map(PipelineRunner.Running::state).orElse("NOT_STARTED"), p.applicationId(),
                new ArrayList<>(new TreeSet<>(p.inputTopics())), p.pipeline().source().topics(), outputs, dead,
                p.pipeline().guarantee().name().toLowerCase().replace('_', '-'),
                new Counts(m.in(), m.out(), m.filteredCount(), m.dead(), m.deadByStep(), m.inByTopic(), m.outByTopic()),
                new Rates(r.in(), r.out(), r.filtered(), r.dead()), latency, lagView,
                p.pipeline().steps().stream().map(s -> new Step(s.id(), s.type())).toList());
    }

    private static Lag lag(GroupLag g) {
        return new Lag(g.status().name(), g.totalLag());
    }
}
