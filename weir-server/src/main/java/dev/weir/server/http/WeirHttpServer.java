package dev.weir.server.http;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;

/**
 * The HTTP server of a Weir process: the dashboard at {@code /}, the JSON API under {@code /api}
 * and the Prometheus metrics at {@code /metrics}, all on one port. It samples the pipelines'
 * counters in the background for rates and the last hour's history.
 */
public final class WeirHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WeirHttpServer.class);

    private final HttpSettings settings;
    private final Server server;
    private final ServerConnector connector;
    private final KafkaAccess kafka;
    private final RateHistory history;

    private WeirHttpServer(HttpSettings settings, Server server, ServerConnector connector, KafkaAccess kafka,
                           RateHistory history) {
        this.settings = settings;
        this.server = server;
        this.connector = connector;
        this.kafka = kafka;
        this.history = history;
    }

    /**
     * Starts serving. The runtime need not be started yet: what is not running shows as such.
     *
     * @throws HttpStartException when the port is taken or the server cannot start
     */
    public static WeirHttpServer start(HttpSettings settings, ApiSources sources) {
        KafkaAccess kafka = new KafkaAccess(sources.runtime().bootstrapServers(), sources.runtime().clientConfig());
        RateHistory history = new RateHistory(sources.runtime(), sources.lag(), settings.sampleEvery(), settings.historySpan());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ServletContainer(ApiApplication.of(sources, kafka, history))), "/*");
        server.setHandler(context);
        server.setStopTimeout(3_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            kafka.close();
            boolean inUse = e instanceof BindException || e.getCause() instanceof BindException;
            if (inUse || e instanceof IOException) {
                throw new HttpStartException("cannot listen on " + settings.host() + ":" + settings.port() + " ("
                        + (inUse ? "address already in use" : e.getMessage()) + ")", inUse, e);
            }
            throw new HttpStartException("cannot start the HTTP server: " + e, false, e);
        }
        history.start();
        WeirHttpServer started = new WeirHttpServer(settings, server, connector, kafka, history);
        LOG.info("Dashboard and API at {}", started.url());
        return started;
    }

    /** Where a browser on this machine reaches it, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "127.0.0.1" : settings.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    /** The port it listens on (the one picked when asked for 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        history.close();
        stopQuietly(server);
        kafka.close();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Error while stopping the HTTP server", e);
        }
    }
}
