package dev.weir.cli;

import dev.weir.registry.RegistryConfig;
import dev.weir.registry.RegistryServer;
import dev.weir.registry.RegistryStartException;
import dev.weir.server.ClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {"Run a Confluent-compatible schema registry against a Kafka cluster, until Ctrl-C.",
                "Schemas live in the compacted topic _weir_schemas; start more copies on other machines "
                        + "and they share the same schemas and ids."},
        footer = {"", "Example:",
                "  weir registry --bootstrap-servers broker1:9092 --config client.properties --basic-auth-file users.properties",
                "", "users.properties holds one user per line, the password may use $${env:NAME}:",
                "  ci=$${env:REGISTRY_CI_PASSWORD}"})
final class RegistryCommand implements Callable<Integer> {

    @ParentCommand
    WeirCommand root;

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (or bootstrap.servers in --config).")
    String bootstrapServers;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Kafka client properties (TLS, SASL); $${env:NAME} and $${file:PATH} are resolved.")
    Path config;

    @Option(names = "--port", defaultValue = "8081", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--read-only", description = "Serve reads only and refuse every change (error 42205), as a follower.")
    boolean readOnly;

    @Option(names = "--basic-auth-file", paramLabel = "FILE",
            description = "Require HTTP basic authentication by the users in FILE (user=password lines).")
    Path basicAuthFile;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> clientConfig = config == null ? new HashMap<>() : new HashMap<>(ClientConfig.load(config, System.getenv()));
        if (bootstrapServers != null) {
            clientConfig.put("bootstrap.servers", bootstrapServers);
        }
        Object servers = clientConfig.get("bootstrap.servers");
        if (servers == null || servers.toString().isBlank()) {
            throw new UserError(ExitCode.USAGE, "no Kafka cluster given: use --bootstrap-servers HOST:PORT (or bootstrap.servers in --config)");
        }
        if (port < 1 || port > 65535) {
            throw new UserError(ExitCode.USAGE, "--port must be between 1 and 65535, got " + port);
        }
        RegistryConfig registryConfig = RegistryConfig.of(servers.toString()).withClientConfig(clientConfig)
                .withHost(host).withPort(port).withReadOnly(readOnly).withBasicAuth(users());
        RegistryServer server;
        try {
            server = RegistryServer.start(registryConfig);
        } catch (RegistryStartException e) {
            throw new UserError(ExitCode.FAILURE, e.getMessage());
        }
        root.out.printf("Schema registry at %s (topic %s on %s)%s%n", server.url(), registryConfig.topic(), servers,
                readOnly ? ", read-only" : "");
        root.out.println("Press Ctrl-C to stop.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "weir-registry-shutdown"));
        stopped.await();
        return ExitCode.OK;
    }

    private Map<String, String> users() {
        if (basicAuthFile == null) {
            return Map.of();
        }
        Map<String, String> users = new LinkedHashMap<>();
        ClientConfig.load(basicAuthFile, System.getenv()).forEach((user, password) -> users.put(user, password.toString()));
        if (users.isEmpty()) {
            throw new UserError(ExitCode.USAGE, basicAuthFile + " names no users; write one user=password per line");
        }
        return users;
    }
}
