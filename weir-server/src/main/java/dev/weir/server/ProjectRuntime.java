package dev.weir.server;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.server.alerts.AlertEngine;
import dev.weir.server.lag.LagMonitor;
import dev.weir.server.metrics.WeirMetrics;
import dev.weir.server.observe.AlertView;
import dev.weir.server.lag.LagSettings;
import dev.weir.server.lineage.LineagePublisher;
import dev.weir.server.lineage.OpenLineageRuns;
import dev.weir.server.lineage.ProjectLineage;
import dev.weir.server.observe.LagView;
import dev.weir.server.observe.LineageGraph;
import dev.weir.spec.model.Project;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A project running against a cluster: its topics created, its pipelines started (and, when
 * asked, its generators). {@code weir up} runs one against the embedded broker, {@code weir run}
 * against a real cluster.
 */
public final class ProjectRuntime implements AutoCloseable {

    private final Project project;
    private final List<CompiledPipeline> pipelines;
    private final String bootstrapServers;
    private final Map<String, Object> clientConfig;
    private final Path stateBase;
    private final PipelineRunner runner = new PipelineRunner();
    private final GeneratorGroup generators;
    private final LineageGraph lineageGraph;
    private StateDirectory stateDirectory;
    private List<String> createdTopics = List.of();
    private Optional<LineagePublisher> lineage = Optional.empty();
    private volatile LagMonitor lag;
    private final WeirMetrics metrics = new WeirMetrics();
    private volatile AlertEngine alerts;

    public ProjectRuntime(Project project, List<CompiledPipeline> pipelines, String bootstrapServers,
                          Map<String, Object> clientConfig, Path stateBase, boolean runGenerators) {
        this.project = project;
        this.pipelines = List.copyOf(pipelines);
        this.bootstrapServers = bootstrapServers;
        this.clientConfig = Map.copyOf(clientConfig);
        this.stateBase = stateBase;
        this.generators = new GeneratorGroup(runGenerators ? project.generators() : List.of());
        this.lineageGraph = ProjectLineage.graph(project, this.pipelines);
    }

    public void start() throws InterruptedException {
        Map<String, Object> adminConfig = new HashMap<>(clientConfig);
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminConfig.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> generatorTopics = generators.topics();
            createdTopics = TopicProvisioner.ensure(admin, project, pipelines, generatorTopics);
        }
        stateDirectory = StateDirectory.claim(stateBase);
        lineage = LineagePublisher.start(project.settings().lineage(), bootstrapServers, clientConfig);
        lineage.ifPresent(l -> runner.addListener(new OpenLineageRuns(project, l, bootstrapServers)));
        for (CompiledPipeline p : pipelines) {
            runner.start(p, bootstrapServers, clientConfig, stateDirectory.path());
        }
        lag = new LagMonitor(bootstrapServers, clientConfig,
                LagSettings.ofGroups(pipelines.stream().map(CompiledPipeline::applicationId).toList())).start();
        generators.start(bootstrapServers, clientConfig);
        metrics.bind(this);
        metrics.bind(lag);
        alerts = new AlertEngine(project, runner::running, lag, bootstrapServers, clientConfig,
                AlertEngine.Settings.defaults()).start();
    }

    /** The process's meters: pipelines, steps, latency, Kafka Streams and client metrics, lag. */
    public WeirMetrics metrics() {
        return metrics;
    }

    /** Where each of the project's alert rules stands; empty until started. */
    public AlertView alerts() {
        AlertEngine engine = alerts;
        return engine == null ? List::of : engine;
    }

    /** The consumer lag of the project's pipelines, judged over time; empty until started. */
    public LagView lag() {
        LagMonitor monitor = lag;
        return monitor == null ? List::of : monitor;
    }

    /** The project as a graph: generators, topics, pipelines and how data flows between them. */
    public LineageGraph lineage() {
        return lineageGraph;
    }

    public Project project() {
        return project;
    }

    /** The compiled pipelines this runtime runs (once started). */
    public List<CompiledPipeline> pipelines() {
        return pipelines;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The Kafka client settings (security, timeouts) every client of this runtime uses. */
    public Map<String, Object> clientConfig() {
        return clientConfig;
    }

    public List<String> createdTopics() {
        return createdTopics;
    }

    public PipelineRunner runner() {
        return runner;
    }

    public GeneratorGroup generators() {
        return generators;
    }

    public Path stateDirectory() {
        return stateDirectory == null ? stateBase : stateDirectory.path();
    }

    public List<StatusReporter.Row> statusRows() {
        List<StatusReporter.Row> rows = new ArrayList<>();
        for (PipelineRunner.Running r : runner.running()) {
            rows.add(new StatusReporter.Row(r.pipeline().metrics(), r::state));
        }
        return rows;
    }

    @Override
    public void close() {
        if (alerts != null) {
            alerts.close();
        }
        metrics.close();
        if (lag != null) {
            lag.close();
        }
        generators.close();
        runner.close();
        // After the pipelines: their COMPLETE events are sent before the publisher stops.
        lineage.ifPresent(LineagePublisher::close);
        if (stateDirectory != null) {
            stateDirectory.close();
        }
    }
}
