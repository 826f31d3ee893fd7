package dev.weir.server.alerts;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends alert events where their rule says: to its topic with an idempotent producer (so a
 * retried send is written once), keyed {@code rule/pipeline}, and to its webhook when it has one.
 * Failures are logged, never thrown: a broken receiver must not stop the evaluation.
 */
final class AlertPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertPublisher.class);

    private final KafkaProducer<String, String> producer;
    private final WebhookSender webhooks;

    AlertPublisher(String bootstrapServers, Map<String, Object> clientConfig, WebhookSender webhooks) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "weir-alerts");
        // The evaluator's thread sends; when the cluster is away it must not hang there for a minute.
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.webhooks = webhooks;
    }

    /** Writes {@code event} to {@code topic}, and POSTs it to {@code webhook} when there is one. */
    CompletableFuture<Boolean> publish(AlertEvent event, String topic, Optional<URI> webhook) {
        String json = event.toJson();
        try {
            producer.send(new ProducerRecord<>(topic, event.key(), json), (metadata, e) -> {
                if (e != null) {
                    LOG.warn("alert {} {} not written to topic {}: {}", event.key(), event.status().word(), topic,
                            e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("alert {} {} not written to topic {}: {}", event.key(), event.status().word(), topic, e.toString());
        }
        LOG.info("alert {}", event.text());
        return webhook.map(url -> webhooks.post(url, json)).orElse(CompletableFuture.completedFuture(true));
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(10));
        } finally {
            webhooks.close();
        }
    }
}
