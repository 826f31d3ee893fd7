package dev.weir.server.http;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the end of a topic, or one record of it, with a consumer of its own (assigned, never in a
 * group, committed records only). Each read has a deadline, so a slow cluster gives a short
 * answer, not a hung request.
 */
final class TopicReader {

    private static final Duration DEADLINE = Duration.ofSeconds(8);

    private final KafkaAccess kafka;

    TopicReader(KafkaAccess kafka) {
        this.kafka = kafka;
    }

    /**
     * The last {@code perPartition} records of each partition, oldest first by timestamp. Transaction
     * markers and aborted records, which take offsets too, do not count.
     *
     * @throws ApiError 404 when the topic does not exist
     */
    List<ConsumerRecord<byte[], byte[]>> tail(String topic, int perPartition) {
        try (KafkaConsumer<byte[], byte[]> c = kafka.reader()) {
            List<TopicPartition> partitions = partitions(c, topic);
            // Assigned before asking for offsets, so the consumer keeps the last stable offsets it learns.
            c.assign(partitions);
            Map<TopicPartition, Long> begin = c.beginningOffsets(partitions, DEADLINE);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, DEADLINE);
            List<TopicPartition> toRead = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                if (end.get(tp) > begin.get(tp)) {
                    toRead.add(tp);
                    // Transaction markers take offsets too, at most one per record: read twice as far back.
                    c.seek(tp, Math.max(begin.get(tp), end.get(tp) - 2L * perPartition - 2));
                }
            }
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            if (toRead.isEmpty()) {
                return out;
            }
            c.pause(partitions.stream().filter(tp -> !toRead.contains(tp)).toList());
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            List<TopicPartition> open = new ArrayList<>(toRead);
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.add(r);
                    }
                }
                open.removeIf(tp -> c.position(tp) >= end.get(tp));
                c.pause(toRead.stream().filter(tp -> !open.contains(tp)).toList());
            }
            Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
            out.forEach(r -> byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r));
            List<ConsumerRecord<byte[], byte[]>> last = new ArrayList<>();
            for (List<ConsumerRecord<byte[], byte[]>> records : byPartition.values()) {
                records.sort(Comparator.comparingLong(ConsumerRecord::offset));
                last.addAll(records.subList(Math.max(0, records.size() - perPartition), records.size()));
            }
            last.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                    .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
            return last;
        } catch (TimeoutException e) {
            throw ApiError.unavailable("cannot read topic '" + topic + "' in time: " + e.getMessage());
        }
    }

    /** The record at {@code offset} of a partition, if the topic still holds it. */
    Optional<ConsumerRecord<byte[], byte[]>> read(String topic, int partition, long offset) {
        try (KafkaConsumer<byte[], byte[]> c = kafka.reader()) {
            List<TopicPartition> partitions = partitions(c, topic);
            TopicPartition tp = new TopicPartition(topic, partition);
            if (!partitions.contains(tp)) {
                return Optional.empty();
            }
            c.assign(List.of(tp));
            long begin = c.beginningOffsets(List.of(tp), DEADLINE).get(tp);
            long end = c.endOffsets(List.of(tp), DEADLINE).get(tp);
            if (offset < begin || offset >= end) {
                return Optional.empty();
            }
            c.seek(tp, offset);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline && c.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return Optional.of(r);
                    }
                    if (r.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        } catch (TimeoutException e) {
            throw ApiError.unavailable("cannot read topic '" + topic + "' in time: " + e.getMessage());
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c, String topic) {
        List<PartitionInfo> infos = c.partitionsFor(topic, DEADLINE);
        if (infos == null || infos.isEmpty()) {
            throw ApiError.notFound("no topic '" + topic + "' in the cluster");
        }
        Map<Integer, TopicPartition> byNumber = new HashMap<>();
        infos.forEach(i -> byNumber.put(i.partition(), new TopicPartition(topic, i.partition())));
        return byNumber.values().stream().sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }
}
