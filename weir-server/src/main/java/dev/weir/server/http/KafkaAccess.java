package dev.weir.server.http;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Kafka clients the API uses, made with the runtime's cluster address and client settings
 * (so TLS and SASL apply): one admin client for the life of the server, and short-lived
 * consumers and producers per request.
 */
final class KafkaAccess implements AutoCloseable {

    /** Settings Kafka Streams takes with a prefix; they mean nothing to a plain client. */
    private static final Set<String> STREAMS_PREFIXES = Set.of("consumer.", "producer.", "admin.", "main.consumer.",
            "restore.consumer.", "global.consumer.", "topic.");

    private final Map<String, Object> common;
    /** Client ids must differ between clients alive at once (their JMX beans are named by them). */
    private final AtomicLong clients = new AtomicLong();
    private Admin admin;

    KafkaAccess(String bootstrapServers, Map<String, Object> clientConfig) {
        Map<String, Object> c = new HashMap<>();
        clientConfig.forEach((k, v) -> {
            if (STREAMS_PREFIXES.stream().noneMatch(k::startsWith)) {
                c.put(k, v);
            }
        });
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.common = Map.copyOf(c);
    }

    synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(common);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "weir-http-admin");
            try {
                admin = Admin.create(config);
            } catch (KafkaException e) {
                throw ApiError.unavailable("cannot make a Kafka admin client: " + e.getMessage()
                        + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
            }
        }
        return admin;
    }

    /** A consumer that reads by assignment only: no group, no commits, committed records only. */
    KafkaConsumer<byte[], byte[]> reader() {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "weir-http-reader-" + clients.incrementAndGet());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Looking at a topic that does not exist must not create it.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "weir-http-replay-" + clients.incrementAndGet());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
