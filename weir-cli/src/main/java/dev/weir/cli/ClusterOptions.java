package dev.weir.cli;

import dev.weir.server.ClientConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Where the cluster is, for commands that talk to one. Defaults to what {@code weir up} starts. */
final class ClusterOptions {

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: 127.0.0.1:9092, where 'weir up' listens, or bootstrap.servers in --config).")
    String bootstrapServers;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Kafka client properties (TLS, SASL); $${env:NAME} and $${file:PATH} are resolved.")
    Path config;

    Map<String, Object> clientConfig() {
        Map<String, Object> props = config == null ? new HashMap<>() : new HashMap<>(ClientConfig.load(config, System.getenv()));
        if (bootstrapServers != null) {
            props.put("bootstrap.servers", bootstrapServers);
        }
        props.putIfAbsent("bootstrap.servers", "127.0.0.1:9092");
        return props;
    }
}
