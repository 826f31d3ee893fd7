package dev.weir.cli;

import dev.weir.engine.schema.RegistryClient;
import dev.weir.registry.RegistryConfig;
import dev.weir.registry.RegistryServer;
import dev.weir.server.ProjectRuntime;
import dev.weir.broker.EmbeddedKafka;
import dev.weir.broker.PortInUseException;
import dev.weir.server.http.ApiSources;
import dev.weir.server.http.WeirHttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run a project on an embedded single-node Kafka, all in this process.",
                "Starts a real KRaft broker (data kept in DIR/.weir/), creates the project's topics, "
                        + "starts its generators and pipelines, and prints what flows until Ctrl-C."},
        footer = {"", "Example:", "  weir up examples/fraud-detection", "  weir tail fraud-alerts --from-beginning",
                "  open http://127.0.0.1:8080/ for the dashboard"})
final class UpCommand implements Callable<Integer> {

    @ParentCommand
    WeirCommand root;

    @Parameters(index = "0", paramLabel = "DIR", description = "The project directory (holding weir.yaml).")
    Path dir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Port of the embedded Kafka broker (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081",
            description = "Port of the embedded Confluent-compatible schema registry (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Mixin
    HttpServing http;

    @Option(names = "--no-generators", description = "Do not run the project's data generators.")
    boolean noGenerators;

    @Option(names = "--status-interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often to print what flows (default: ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Override
    public Integer call() throws Exception {
        var out = root.out;
        Path weirDir = dir.toAbsolutePath().normalize().resolve(".weir");
        String registryUrl = "http://127.0.0.1:" + registryPort;
        // The embedded registry serves the project; a registry named in weir.yaml is for weir run.
        ProjectFiles.Loaded loaded = ProjectFiles.load(dir, Set.of(),
                settings -> Optional.of(new RegistryClient(registryUrl, Optional.empty(), Optional.empty())));
        Path logFile = Logging.toProject(dir);
        out.printf("Weir: project %s (%s)%n", loaded.project().name(), dir);
        long t0 = System.nanoTime();
        EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(weirDir.resolve("kafka")).withPort(kafkaPort));
        try {
            kafka.start();
        } catch (PortInUseException e) {
            throw new UserError(ExitCode.FAILURE, e.getMessage());
        }
        out.printf("  kafka       %s  (KRaft, data in %s, started in %.1fs)%n", kafka.bootstrapServers(),
                weirDir.resolve("kafka"), (System.nanoTime() - t0) / 1e9);
        RegistryServer registry;
        try {
            registry = RegistryServer.start(RegistryConfig.of(kafka.bootstrapServers()).withHost("127.0.0.1").withPort(registryPort));
        } catch (RuntimeException e) {
            kafka.close();
            throw new UserError(ExitCode.FAILURE, "cannot start the schema registry on port " + registryPort + ": "
                    + e.getMessage() + "; choose another with --registry-port");
        }
        out.printf("  registry    %s  (Confluent-compatible schema registry, stored in topic _weir_schemas)%n", registry.url());
        // One local process: after a crash, let its old group membership expire in seconds, not 45.
        Map<String, Object> clientConfig = Map.of("consumer.session.timeout.ms", 10_000,
                "consumer.heartbeat.interval.ms", 2_000);
        ProjectRuntime runtime = new ProjectRuntime(loaded.project(), loaded.pipelines(), kafka.bootstrapServers(),
                clientConfig, weirDir.resolve("state"), !noGenerators);
        WeirHttpServer web;
        try {
            web = http.start(runtime, Optional.of(ApiSources.Registry.at(registry.url())));
        } catch (RuntimeException e) {
            registry.close();
            kafka.close();
            throw e;
        }
        out.printf("  dashboard   %s  (JSON API at /api, Prometheus metrics at /metrics)%n", web.url());
        out.printf("  logs        %s%n", logFile);
        try {
            runtime.start();
        } catch (RuntimeException | InterruptedException e) {
            web.close();
            runtime.close();
            registry.close();
            kafka.close();
            throw e;
        }
        RunLoop.describe(out, runtime, loaded.pipelines());
        RunLoop.run(out, runtime, statusInterval, () -> {
            web.close();
            runtime.close();
            registry.close();
            kafka.close();
        });
        return ExitCode.OK;
    }
}
