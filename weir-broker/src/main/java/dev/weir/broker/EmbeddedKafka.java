package dev.weir.broker;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (combined KRaft broker and controller) running
 * inside this JVM, keeping its data in a directory so it survives restarts.
 *
 * <p>An instance is started at most once, and a failed start closes it; to restart, create a
 * new instance on the same data directory. Only one broker at a time can use a data directory.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final Duration READY_PROBE_TIMEOUT = Duration.ofSeconds(2);

    private enum State { NEW, RUNNING, CLOSED }

    /**
     * How to run the broker.
     *
     * @param dataDir where Kafka keeps its logs and metadata, e.g. {@code DIR/.weir/kafka}
     * @param host the address the broker listens on and advertises
     * @param port the port clients connect to
     * @param startupTimeout how long {@link #start()} may take before giving up
     * @param extraProperties further Kafka broker properties; they override Weir's defaults,
     *     but not the ones that define listeners, storage and node identity
     */
    public record Config(Path dataDir, String host, int port, Duration startupTimeout,
                         Map<String, String> extraProperties) {

        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 9092;
        public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

        public Config {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(startupTimeout, "startupTimeout");
            Objects.requireNonNull(extraProperties, "extraProperties");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("kafka port must be between 1 and 65535, got " + port);
            }
            if (startupTimeout.isNegative() || startupTimeout.isZero()) {
                throw new IllegalArgumentException("startup timeout must be positive, got " + startupTimeout);
            }
            BrokerProperties.requireNotManaged(extraProperties);
            extraProperties = Map.copyOf(extraProperties);
        }

        /** Defaults: {@value #DEFAULT_HOST}, port {@value #DEFAULT_PORT}, a 60 second startup timeout. */
        public static Config of(Path dataDir) {
            return new Config(dataDir, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_STARTUP_TIMEOUT, Map.of());
        }

        public Config withDataDir(Path newDataDir) {
            return new Config(newDataDir, host, port, startupTimeout, extraProperties);
        }

        public Config withHost(String newHost) {
            return new Config(dataDir, newHost, port, startupTimeout, extraProperties);
        }

        public Config withPort(int newPort) {
            return new Config(dataDir, host, newPort, startupTimeout, extraProperties);
        }

        public Config withStartupTimeout(Duration newStartupTimeout) {
            return new Config(dataDir, host, port, newStartupTimeout, extraProperties);
        }

        /** Adds or replaces one broker property. */
        public Config withProperty(String key, String value) {
            Map<String, String> merged = new LinkedHashMap<>(extraProperties);
            merged.put(key, value);
            return new Config(dataDir, host, port, startupTimeout, merged);
        }

        /** Adds or replaces several broker properties. */
        public Config withProperties(Map<String, String> properties) {
            Map<String, String> merged = new LinkedHashMap<>(extraProperties);
            merged.putAll(properties);
            return new Config(dataDir, host, port, startupTimeout, merged);
        }
    }

    private final Config config;
    private final Object lock = new Object();
    // Changed only while holding the lock; volatile so that getters do not wait for start().
    private volatile State state = State.NEW;
    private volatile boolean closeRequested;
    private volatile int controllerPort = -1;
    private volatile String clusterId;
    private KafkaRaftServer server;
    private DataDirLock dataDirLock;

    public EmbeddedKafka(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /**
     * Formats the data directory if needed, starts the broker and waits until it serves
     * requests.
     *
     * @return this broker
     * @throws PortInUseException if the kafka port is taken
     * @throws BrokerStartException if the broker fails to start or is not ready in time
     * @throws IllegalStateException if this instance was started or closed before
     */
    public EmbeddedKafka start() {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("the embedded Kafka broker can only be started once; it is " + state);
            }
            long startedAt = System.nanoTime();
            try {
                startServer(startedAt);
            } catch (RuntimeException e) {
                stopAfterFailedStart();
                throw translateStartFailure(e);
            }
            state = State.RUNNING;
            LOG.info("Kafka broker ready at {} (cluster id {}, data in {}) after {} ms",
                    bootstrapServers(), clusterId, BrokerProperties.logDir(config), elapsedMillis(startedAt));
            return this;
        }
    }

    /** The address clients use to connect, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return config.host() + ":" + config.port();
    }

    public int port() {
        return config.port();
    }

    /** The id of the cluster, generated when the data directory was formatted; null before {@link #start()}. */
    public String clusterId() {
        return clusterId;
    }

    /** True once {@link #start()} has returned and until {@link #close()} is called. */
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /** The port of the controller listener of the current run, or -1 before {@link #start()}. */
    int controllerPort() {
        return controllerPort;
    }

    /**
     * Shuts the broker down cleanly, flushing its logs, and waits for it. Safe to call more
     * than once. If {@link #start()} is still running, waits for it to end first.
     */
    @Override
    public void close() {
        closeRequested = true;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            boolean wasRunning = state == State.RUNNING;
            state = State.CLOSED;
            if (!wasRunning) {
                return;
            }
            long stoppingAt = System.nanoTime();
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                server = null;
                releaseDataDir();
            }
            LOG.info("Kafka broker at {} stopped after {} ms", bootstrapServers(), elapsedMillis(stoppingAt));
        }
    }

    private void startServer(long startedAt) {
        Ports.requireAvailable(config.host(), config.port());
        controllerPort = Ports.pickFree(config.host());
        KafkaConfig kafkaConfig = toKafkaConfig(BrokerProperties.build(config, controllerPort));

        Path logDir = Path.of(BrokerProperties.logDir(config));
        createDirectories(logDir);
        dataDirLock = DataDirLock.acquire(logDir);
        if (!KraftStorage.isFormatted(logDir)) {
            KraftStorage.format(logDir);
        }
        clusterId = KraftStorage.clusterId(logDir);

        server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        server.startup();
        awaitReady(startedAt);
    }

    private void awaitReady(long startedAt) {
        long deadline = startedAt + config.startupTimeout().toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "weir-broker-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READY_PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_PROBE_TIMEOUT.toMillis());
        Exception lastFailure = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                if (closeRequested) {
                    throw new BrokerStartException("the embedded Kafka broker was closed while starting");
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions()
                                    .timeoutMs((int) READY_PROBE_TIMEOUT.toMillis()))
                            .nodes()
                            .get(READY_PROBE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                    sleepBriefly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrokerStartException("interrupted while waiting for the Kafka broker to start", e);
                }
            }
        }
        throw new BrokerStartException("the Kafka broker at " + bootstrapServers() + " did not become ready within "
                + config.startupTimeout().toSeconds() + " s", lastFailure);
    }

    private void stopAfterFailedStart() {
        state = State.CLOSED;
        try {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping the Kafka broker after a failed start", e);
        } finally {
            server = null;
            releaseDataDir();
        }
    }

    private void releaseDataDir() {
        if (dataDirLock != null) {
            dataDirLock.close();
            dataDirLock = null;
        }
    }

    private RuntimeException translateStartFailure(RuntimeException e) {
        if (e instanceof BrokerStartException || e instanceof PortInUseException) {
            return e;
        }
        // The port was free when checked but taken before Kafka bound it.
        if (isAddressInUse(e) && mentionsPort(e, config.port())) {
            return new PortInUseException(config.port());
        }
        return new BrokerStartException("the Kafka broker failed to start: " + rootMessage(e), e);
    }

    private static boolean isAddressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind && Ports.isAddressInUse(bind)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsPort(Throwable e, int port) {
        Pattern pattern = Pattern.compile(":" + port + "(?!\\d)");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && pattern.matcher(t.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    private static KafkaConfig toKafkaConfig(Properties props) {
        try {
            return KafkaConfig.fromProps(props, false);
        } catch (RuntimeException e) {
            throw new BrokerStartException("invalid Kafka broker configuration: " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BrokerStartException("cannot create the Kafka data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for the Kafka broker to start", e);
        }
    }

    private static long elapsedMillis(long sinceNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
    }
}
