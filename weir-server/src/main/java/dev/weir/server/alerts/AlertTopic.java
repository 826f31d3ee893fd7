package dev.weir.server.alerts;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A topic of alert events: compacted and keyed {@code rule/pipeline}, so that it holds where each
 * alert stands however long it runs. One partition keeps every event in order. Read from the
 * beginning to its end, folded to the latest event per key, it is the current state of the
 * alerts, for {@code weir alerts} and for a Weir process that starts again.
 */
public final class AlertTopic {

    private static final Logger LOG = LoggerFactory.getLogger(AlertTopic.class);

    private AlertTopic() {
    }

    /** Creates {@code topic}, compacted with one partition, unless it exists. Returns whether it created it. */
    public static boolean ensure(Admin admin, String topic, short replicationFactor) throws InterruptedException {
        try {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return false;
            }
            NewTopic t = new NewTopic(topic, 1, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
            LOG.info("created alerts topic {}", topic);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("cannot create alerts topic '" + topic + "': " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create alerts topic '" + topic + "': no answer from Kafka in 30s", e);
        }
    }

    /**
     * The latest event of every key in {@code topic}, read from its beginning to its end, in the
     * order they were last written; empty when the topic does not exist. Records that are not
     * alert events are skipped. {@code clientConfig} holds bootstrap.servers and any TLS or SASL
     * settings.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException when Kafka does not answer within {@code timeout}
     */
    public static Optional<List<AlertEvent>> current(Map<String, Object> clientConfig, String topic, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            Map<String, AlertEvent> latest = new LinkedHashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!atEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.errors.TimeoutException(
                            "alerts topic '" + topic + "' was not read to its end within " + timeout.toSeconds() + "s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    fold(latest, r);
                }
            }
            return Optional.of(new ArrayList<>(latest.values()));
        }
    }

    private static boolean atEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static void fold(Map<String, AlertEvent> latest, ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        latest.remove(r.key()); // the latest write goes last
        if (r.value() == null) {
            return; // a tombstone: the key was forgotten
        }
        try {
            latest.put(r.key(), AlertEvent.parse(r.value()));
        } catch (IOException e) {
            LOG.debug("skipping record {} of {}: {}", r.offset(), r.topic(), e.getMessage());
        }
    }
}
