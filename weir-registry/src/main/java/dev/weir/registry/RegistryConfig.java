package dev.weir.registry;

import dev.weir.registry.format.SchemaFormats;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a schema registry.
 *
 * @param clientConfig Kafka client properties (TLS, SASL), {@code bootstrap.servers} included
 * @param host the address the HTTP server listens on
 * @param port the HTTP port; 0 for any free one
 * @param topic the compacted topic that holds the schemas
 * @param readOnly serve reads only and answer every change with error 42205, as a follower
 * @param users user name to password for HTTP basic authentication; empty for none
 * @param timeout how long starting, or one change, may take
 * @param formats the schema types accepted
 */
public record RegistryConfig(Map<String, Object> clientConfig, String host, int port, String topic, boolean readOnly,
                             Map<String, String> users, Duration timeout, SchemaFormats formats) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_TOPIC = "_weir_schemas";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public RegistryConfig {
        Objects.requireNonNull(clientConfig, "clientConfig can't be null");
        if (!clientConfig.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("clientConfig needs bootstrap.servers");
        }
        clientConfig = Map.copyOf(clientConfig);
        Objects.requireNonNull(host, "host can't be null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("registry port must be between 0 and 65535, got " + port);
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("registry topic can't be blank");
        }
        Objects.requireNonNull(users, "users can't be null");
        users.forEach((user, password) -> {
            if (user == null || user.isEmpty() || user.contains(":") || password == null) {
                throw new IllegalArgumentException("basic auth user names must be non-empty without ':' and have a password, got '"
                        + user + "'");
            }
        });
        users = Map.copyOf(users);
        Objects.requireNonNull(timeout, "timeout can't be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        Objects.requireNonNull(formats, "formats can't be null");
    }

    /** Defaults: {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}, topic {@value #DEFAULT_TOPIC}, writable, no authentication. */
    public static RegistryConfig of(String bootstrapServers) {
        return new RegistryConfig(Map.of("bootstrap.servers", bootstrapServers), DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TOPIC,
                false, Map.of(), DEFAULT_TIMEOUT, SchemaFormats.builtIn());
    }

    /** Replaces the Kafka client properties; keeps the bootstrap servers unless they name others. */
    public RegistryConfig withClientConfig(Map<String, ?> properties) {
        Map<String, Object> merged = new HashMap<>();
        merged.put("bootstrap.servers", clientConfig.get("bootstrap.servers"));
        merged.putAll(properties);
        return new RegistryConfig(merged, host, port, topic, readOnly, users, timeout, formats);
    }

    public RegistryConfig withHost(String newHost) {
        return new RegistryConfig(clientConfig, newHost, port, topic, readOnly, users, timeout, formats);
    }

    public RegistryConfig withPort(int newPort) {
        return new RegistryConfig(clientConfig, host, newPort, topic, readOnly, users, timeout, formats);
    }

    public RegistryConfig withTopic(String newTopic) {
        return new RegistryConfig(clientConfig, host, port, newTopic, readOnly, users, timeout, formats);
    }

    public RegistryConfig withReadOnly(boolean newReadOnly) {
        return new RegistryConfig(clientConfig, host, port, topic, newReadOnly, users, timeout, formats);
    }

    public RegistryConfig withBasicAuth(Map<String, String> newUsers) {
        return new RegistryConfig(clientConfig, host, port, topic, readOnly, newUsers, timeout, formats);
    }

    public RegistryConfig withTimeout(Duration newTimeout) {
        return new RegistryConfig(clientConfig, host, port, topic, readOnly, users, newTimeout, formats);
    }

    public RegistryConfig withFormats(SchemaFormats newFormats) {
        return new RegistryConfig(clientConfig, host, port, topic, readOnly, users, timeout, newFormats);
    }
}
