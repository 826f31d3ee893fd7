package dev.weir.server.lineage;

import dev.weir.spec.model.LineageSettings;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends OpenLineage run events, in the order they were published, on a thread of its own so a
 * slow receiver never holds up a pipeline: to the lineage topic always, and to an HTTP receiver
 * when {@code url} is configured. It also knows the definition hash last recorded for each job,
 * read from the topic at start, so a pipeline whose definition changed is seen as such.
 */
public final class LineagePublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LineagePublisher.class);

    /** Keep a day of events before compaction leaves only each job's last, so recent history can be tailed. */
    static final long MIN_COMPACTION_LAG_MS = Duration.ofDays(1).toMillis();

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> STREAMS_PREFIXES = List.of("consumer.", "producer.", "admin.", "main.consumer.",
            "restore.consumer.", "global.consumer.", "topic.");

    private final List<LineageTransport> transports;
    private final Map<String, String> lastHashes;
    private final Duration closeTimeout;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "weir-lineage");
        t.setDaemon(true);
        return t;
    });

    private LineagePublisher(List<LineageTransport> transports, Map<String, String> lastHashes, Duration closeTimeout) {
        this.transports = List.copyOf(transports);
        this.lastHashes = new ConcurrentHashMap<>(lastHashes);
        this.closeTimeout = closeTimeout;
    }

    /**
     * The publisher {@code settings} describe, or empty when lineage is turned off. Creates the
     * lineage topic (compacted, one partition) if it is missing and reads it to learn each job's
     * last definition; a cluster that refuses either is logged, and events are still sent.
     *
     * @param clientConfig the cluster's client settings (TLS, SASL), as {@code ProjectRuntime} takes them
     */
    public static Optional<LineagePublisher> start(LineageSettings settings, String bootstrapServers,
                                                   Map<String, Object> clientConfig) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Map<String, Object> kafka = kafkaConfig(bootstrapServers, clientConfig);
        Map<String, String> history = Map.of();
        try {
            ensureTopic(kafka, settings.topic());
            history = LineageHistory.lastDefinitionHashes(settings.topic(), kafka, SETUP_TIMEOUT);
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("cannot read lineage topic {}: {}; every pipeline's definition is taken as new",
                    settings.topic(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<LineageTransport> transports = new ArrayList<>();
        transports.add(new KafkaLineageTransport(settings.topic(), kafka));
        settings.url().ifPresent(url -> transports.add(new HttpLineageTransport(url, settings.apiKey(), settings.timeout())));
        LOG.info("lineage events go to topic {}{}", settings.topic(), settings.url().map(u -> " and " + u).orElse(""));
        return Optional.of(new LineagePublisher(transports, history, settings.timeout().plusSeconds(5)));
    }

    /** Sends the event to every transport, after the events published before it. Never blocks on a receiver. */
    public void publish(LineageEvent event) {
        lastHashes.put(event.key(), event.definitionHash());
        try {
            sender.execute(() -> {
                for (LineageTransport t : transports) {
                    try {
                        t.send(event);
                    } catch (RuntimeException e) {
                        LOG.warn("lineage transport failed on the {} event of {}: {}", event.eventType(), event.key(),
                                e.toString(), e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("lineage publisher is closed; dropped the {} event of {}", event.eventType(), event.key());
        }
    }

    /** The definition hash of the last event recorded for the job {@code namespace/name}, if any. */
    public Optional<String> lastDefinitionHash(String jobKey) {
        return Optional.ofNullable(lastHashes.get(jobKey));
    }

    /** Sends what is queued (waiting at most the HTTP timeout plus a little), then closes the transports. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("lineage events still queued after {}; dropping them", closeTimeout);
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sender.shutdownNow();
        }
        transports.forEach(LineageTransport::close);
    }

    /** The client settings that apply to a plain client: Kafka Streams' per-client prefixed ones are left out. */
    static Map<String, Object> kafkaConfig(String bootstrapServers, Map<String, Object> clientConfig) {
        Map<String, Object> out = new HashMap<>();
        clientConfig.forEach((k, v) -> {
            if (STREAMS_PREFIXES.stream().noneMatch(k::startsWith)) {
                out.put(k, v);
            }
        });
        out.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return out;
    }

    private static void ensureTopic(Map<String, Object> kafka, String topic) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(kafka);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) SETUP_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(MIN_COMPACTION_LAG_MS)));
            try {
                admin.createTopics(List.of(newTopic)).all().get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("created lineage topic {}", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create lineage topic " + topic + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("creating lineage topic " + topic + " timed out", e);
            }
        }
    }
}
