package dev.weir.cli;

import dev.weir.engine.schema.RegistryClient;
import dev.weir.server.ClientConfig;
import dev.weir.spec.model.RegistrySettings;
import dev.weir.server.ProjectRuntime;
import dev.weir.server.http.ApiSources;
import dev.weir.server.http.WeirHttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a project's pipelines against an existing Kafka cluster.",
                "Each pipeline is a Kafka Streams application (application.id weir-<project>-<pipeline>). "
                        + "Start this command on more machines to scale out: they share the partitions, "
                        + "and when one stops the others take over its work."},
        footer = {"", "Example:",
                "  weir run my-project --bootstrap-servers broker1:9092 --config client.properties",
                "", "client.properties holds any Kafka client setting (TLS, SASL); values may use $${env:NAME}:",
                "  security.protocol=SASL_SSL",
                "  sasl.mechanism=PLAIN",
                "  sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"app\" password=\"$${env:KAFKA_PASSWORD}\";"})
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    WeirCommand root;

    @Parameters(index = "0", paramLabel = "DIR", description = "The project directory (holding weir.yaml).")
    Path dir;

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers to connect to (or bootstrap.servers in --config).")
    String bootstrapServers;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Kafka client properties (security, timeouts); $${env:NAME} and $${file:PATH} are resolved.")
    Path config;

    @Option(names = {"-p", "--pipeline"}, paramLabel = "NAME", description = "Run only this pipeline (repeatable).")
    List<String> pipelines = List.of();

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Schema registry of avro, json-schema and protobuf topics (overrides registry.url in weir.yaml).")
    String registryUrl;

    @Option(names = "--generators", description = "Also run the project's data generators.")
    boolean generators;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where pipelines keep local state (default: DIR/.weir/state).")
    Path stateDir;

    @Mixin
    HttpServing http;

    @Option(names = "--status-interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often to print what flows (default: ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Override
    public Integer call() throws Exception {
        var out = root.out;
        Map<String, Object> clientConfig = config == null ? new HashMap<>() : new HashMap<>(ClientConfig.load(config, System.getenv()));
        Object fromConfig = clientConfig.remove("bootstrap.servers");
        String servers = bootstrapServers != null ? bootstrapServers : fromConfig == null ? null : fromConfig.toString();
        if (servers == null || servers.isBlank()) {
            throw new UserError(ExitCode.USAGE, "no Kafka cluster given: use --bootstrap-servers HOST:PORT "
                    + "(or bootstrap.servers in --config), or 'weir up' for an embedded one");
        }
        ProjectFiles.Loaded loaded = ProjectFiles.load(dir, new LinkedHashSet<>(pipelines),
                settings -> registry(settings).map(r -> new RegistryClient(r.url(), r.user(), r.password())));
        Path logFile = Logging.toProject(dir);
        Path state = stateDir != null ? stateDir : dir.toAbsolutePath().normalize().resolve(".weir").resolve("state");
        out.printf("Weir: project %s (%s) on %s%n", loaded.project().name(), dir, servers);
        ProjectRuntime runtime = new ProjectRuntime(loaded.project(), loaded.pipelines(), servers, clientConfig, state, generators);
        WeirHttpServer web = http.start(runtime, registry(loaded.project().settings().registry()));
        out.printf("  dashboard   %s  (JSON API at /api, Prometheus metrics at /metrics)%n", web.url());
        out.printf("  logs        %s%n", logFile);
        try {
            runtime.start();
        } catch (RuntimeException e) {
            web.close();
            runtime.close();
            throw new UserError(ExitCode.FAILURE, "cannot start on " + servers + ": " + e.getMessage());
        }
        RunLoop.describe(out, runtime, loaded.pipelines());
        RunLoop.run(out, runtime, statusInterval, () -> {
            web.close();
            runtime.close();
        });
        return ExitCode.OK;
    }

    /** The schema registry: --registry-url, else registry.url in weir.yaml; credentials from weir.yaml. */
    private Optional<ApiSources.Registry> registry(Optional<RegistrySettings> settings) {
        if (registryUrl != null) {
            return Optional.of(new ApiSources.Registry(registryUrl, settings.flatMap(RegistrySettings::username),
                    settings.flatMap(RegistrySettings::password)));
        }
        return settings.map(r -> new ApiSources.Registry(r.url(), r.username(), r.password()));
    }
}
