package dev.weir.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the fault tests share: project files, bulk producing, reading a topic to its end, waiting for a group to catch up. */
final class FaultKit {

    private FaultKit() {
    }

    /** Writes {@code files} (path relative to {@code dir} to text) and returns {@code dir}. */
    static Path project(Path dir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return dir;
    }

    /**
     * Client settings for {@code weir run}: the broker's smallest session timeout, so a killed process's
     * partitions move to its successor within seconds instead of 45.
     */
    static Path fastFailover(Path dir) throws IOException {
        Path p = dir.resolve("client.properties");
        Files.writeString(p, "consumer.session.timeout.ms=6000\nconsumer.heartbeat.interval.ms=1000\n");
        return p;
    }

    /** Fails naming (a few of) the missing and unexpected elements; fast on sets of millions, unlike list comparisons. */
    static void assertSameSets(String what, java.util.Set<String> actual, java.util.Set<String> expected) {
        List<String> missing = expected.stream().filter(e -> !actual.contains(e)).limit(20).toList();
        List<String> extra = actual.stream().filter(e -> !expected.contains(e)).limit(20).toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new AssertionError(what + ": " + (expected.size() - actual.size() + extra.size()) + " missing, e.g. " + missing
                    + "; unexpected, e.g. " + extra);
        }
    }

    /** Creates a topic as the project declares it (the broker does not create topics on first use). */
    static void createTopic(Admin admin, String name, int partitions, Map<String, String> config) throws Exception {
        admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, partitions, (short) 1).configs(config)))
                .all().get(30, TimeUnit.SECONDS);
    }

    /** Sends every record (a null value is a tombstone) with acks=all and idempotence, and waits for all. */
    static void produce(String bootstrap, List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000),
                new StringSerializer(), new ByteArraySerializer())) {
            java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
            for (ProducerRecord<String, byte[]> r : records) {
                p.send(r, (meta, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
            p.flush();
            if (failed.get() != null) {
                throw new IllegalStateException("could not send a test record", failed.get());
            }
        }
    }

    /** Every committed record of {@code topic}, read from the beginning up to the end offsets of now. */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end);
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /** Records of {@code topic} consumed and committed by {@code group}, summed over partitions. */
    static long committed(Admin admin, String group, String topic) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /**
     * Waits until {@code group} has committed every partition of {@code input} to its end and every other partition it
     * reads (repartition topics) to the last committed offset, twice in a row a second apart.
     */
    static void awaitCaughtUp(Admin admin, String group, String input, Duration timeout, WeirProcess process)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int partitions = admin.describeTopics(List.of(input)).allTopicNames().get(10, TimeUnit.SECONDS).get(input)
                .partitions().size();
        int inARow = 0;
        String last = "";
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new AssertionError("weir died while catching up:\n" + process.output());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ask = committed.keySet().stream()
                    .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(ask, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            boolean done = committed.keySet().stream().filter(tp -> tp.topic().equals(input)).count() == partitions
                    && committed.entrySet().stream().allMatch(e -> e.getValue() != null
                    && e.getValue().offset() >= ends.get(e.getKey()));
            last = committed + " vs " + ends;
            inARow = done ? inARow + 1 : 0;
            if (inARow >= 2) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("group " + group + " did not catch up: " + last
                + (process == null ? "" : "\n" + process.output()));
    }
}
