package dev.weir.registry;

import dev.weir.registry.rest.RegistryApi;
import dev.weir.registry.store.Registry;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * A Confluent-compatible schema registry: the Confluent Schema Registry REST API on an HTTP port,
 * over schemas kept in a compacted Kafka topic. Several servers on one topic share one registry.
 */
public final class RegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

    private final RegistryConfig config;
    private final Registry registry;
    private final Server server;
    private final ServerConnector connector;

    private RegistryServer(RegistryConfig config, Registry registry, Server server, ServerConnector connector) {
        this.config = config;
        this.registry = registry;
        this.server = server;
        this.connector = connector;
    }

    /**
     * Reads the registry topic (creating it if missing), then serves HTTP.
     *
     * @throws RegistryStartException when Kafka is out of reach or the port is taken
     */
    public static RegistryServer start(RegistryConfig config) {
        Registry registry = new Registry(new Registry.Settings(config.clientConfig(), config.topic(), config.readOnly(),
                config.timeout(), config.formats()));
        try {
            registry.start();
        } catch (TimeoutException | RuntimeException e) {
            registry.close();
            throw new RegistryStartException("cannot read the schema registry topic " + config.topic() + " from Kafka at "
                    + config.clientConfig().get("bootstrap.servers") + ": " + e.getMessage(), e);
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ServletContainer(RegistryApi.application(registry, config.users()))), "/*");
        server.setHandler(context);
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            registry.close();
            if (e instanceof IOException) {
                throw new RegistryStartException("cannot listen on " + config.host() + ":" + config.port() + " ("
                        + e.getMessage() + "); stop whatever uses the port or choose another", e);
            }
            throw new RegistryStartException("cannot start the schema registry's HTTP server: " + e, e);
        }
        RegistryServer started = new RegistryServer(config, registry, server, connector);
        LOG.info("Schema registry serving {} from topic {}{}", started.url(), config.topic(),
                config.readOnly() ? " (read-only)" : "");
        return started;
    }

    /** Where clients reach it, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** The port it listens on (the one picked when configured with 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public RegistryConfig config() {
        return config;
    }

    /** Stops serving and reading the topic. */
    @Override
    public void close() {
        int port = port();
        stopQuietly(server);
        registry.close();
        LOG.info("Schema registry on port {} stopped", port);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Error while stopping the schema registry's HTTP server", e);
        }
    }
}
