package dev.weir.server.lineage;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes each event to a Kafka topic, keyed by {@code namespace/job}: with compaction the topic
 * keeps the last event of every job, and {@code weir tail} shows them as they happen.
 */
final class KafkaLineageTransport implements LineageTransport {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLineageTransport.class);

    private final String topic;
    private final KafkaProducer<String, String> producer;

    /** {@code clientConfig} holds the bootstrap servers and the cluster's security settings. */
    KafkaLineageTransport(String topic, Map<String, Object> clientConfig) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "weir-lineage");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @Override
    public void send(LineageEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.key(), event.json()), (metadata, error) -> {
                if (error != null) {
                    LOG.warn("cannot write the {} event of {} to topic {}: {}", event.eventType(), event.key(), topic,
                            error.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot write the {} event of {} to topic {}: {}", event.eventType(), event.key(), topic, e.toString());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
