package dev.weir.server.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The definition hash of the last event recorded for each job, read from the lineage topic
 * from its beginning to its end: what a new run's definition is compared with.
 */
final class LineageHistory {

    private static final Logger LOG = LoggerFactory.getLogger(LineageHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private LineageHistory() {
    }

    /** Job key ({@code namespace/name}) to the definition hash of its last event. */
    static Map<String, String> lastDefinitionHashes(String topic, Map<String, Object> clientConfig, Duration timeout)
            throws TimeoutException {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "weir-lineage-history");
        Map<String, String> hashes = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading lineage topic " + topic + " took longer than " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null || record.value() == null) {
                        continue;
                    }
                    definitionHash(record.value()).ifPresentOrElse(h -> hashes.put(record.key(), h),
                            () -> LOG.debug("lineage record at offset {} has no Weir definition hash", record.offset()));
                }
            }
        }
        return hashes;
    }

    private static Optional<String> definitionHash(String event) {
        try {
            JsonNode hash = JSON.readTree(event).path("job").path("facets").path("weir_pipeline").path("definitionHash");
            return hash.isTextual() ? Optional.of(hash.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
