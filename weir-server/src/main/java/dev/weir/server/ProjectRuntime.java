package dev.weir.server;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.spec.model.Project;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private StateDirectory stateDirectory;
    private List<String> createdTopics = List.of();

    public ProjectRuntime(Project project, List<CompiledPipeline> pipelines, String bootstrapServers,
                          Map<String, Object> clientConfig, Path stateBase, boolean runGenerators) {
        this.project = project;
        this.pipelines = List.copyOf(pipelines);
        this.bootstrapServers = bootstrapServers;
        this.clientConfig = Map.copyOf(clientConfig);
        this.stateBase = stateBase;
        this.generators = new GeneratorGroup(runGenerators ? project.generators() : List.of());
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
        for (CompiledPipeline p : pipelines) {
            runner.start(p, bootstrapServers, clientConfig, stateDirectory.path());
        }
        generators.start(bootstrapServers, clientConfig);
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
        generators.close();
        runner.close();
        if (stateDirectory != null) {
            stateDirectory.close();
        }
    }
}
