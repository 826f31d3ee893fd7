package dev.weir.registry.store;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The registry's topic: a single-partition compacted topic that every registry process reads from
 * the beginning, handing each record to {@code apply} in log order, and appends to.
 */
final class RegistryLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryLog.class);

    /**
     * Records stay uncompacted for an hour. A writer acts on its proposal within its timeout
     * (seconds), so no process ever decides a proposal while a record before it that was already
     * superseded has been compacted away for some readers but not for others.
     */
    static final long MIN_COMPACTION_LAG_MS = Duration.ofHours(1).toMillis();

    private final Map<String, Object> clientConfig;
    private final String topic;
    private final TopicPartition partition;
    private final BiConsumer<String, String> apply;
    private final Object progress = new Object();
    private long position;
    private volatile boolean running;
    private KafkaConsumer<String, String> consumer;
    private KafkaProducer<String, String> producer;
    private Thread reader;

    RegistryLog(Map<String, Object> clientConfig, String topic, BiConsumer<String, String> apply) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.apply = apply;
    }

    /** Creates the topic if missing, then reads it to its current end. */
    void start(Duration timeout, boolean writable) throws TimeoutException {
        ensureTopic(timeout);
        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
        if (writable) {
            Map<String, Object> producerConfig = new HashMap<>(clientConfig);
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        }
        running = true;
        reader = new Thread(this::readLoop, "weir-registry-log-reader");
        reader.setDaemon(true);
        reader.start();
        if (end > 0) {
            awaitApplied(end - 1, timeout);
        }
        LOG.info("Schema registry read {} records of topic {}", end, topic);
    }

    /** Appends the records in order and returns the offset of the last. */
    long append(List<LogCodec.KeyValue> records, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (LogCodec.KeyValue kv : records) {
            sent.add(producer.send(new ProducerRecord<>(topic, 0, kv.key(), kv.value())));
        }
        long last = -1;
        for (Future<RecordMetadata> f : sent) {
            last = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        }
        return last;
    }

    /** Waits until the record at {@code offset}, and every one before it, has been applied. */
    void awaitApplied(long offset, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (position <= offset) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !running) {
                    throw new TimeoutException("the registry log was not read up to offset " + offset + " in time");
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TimeoutException("interrupted while waiting for the registry log");
                }
            }
        }
    }

    private void readLoop() {
        while (running) {
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        apply.accept(record.key(), record.value());
                    } catch (RuntimeException e) {
                        LOG.error("Skipping registry record at offset {}: {}", record.offset(), e.getMessage(), e);
                    }
                }
                long next = consumer.position(partition);
                synchronized (progress) {
                    position = next;
                    progress.notifyAll();
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Cannot read the registry topic {}: {}; retrying", topic, e.toString());
                sleepQuietly();
            }
        }
    }

    private void ensureTopic(Duration timeout) throws TimeoutException {
        try (Admin admin = Admin.create(clientConfig)) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(MIN_COMPACTION_LAG_MS)));
            try {
                admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created the schema registry topic {}", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create the schema registry topic " + topic + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
            TopicDescription description = describe(admin, timeout);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("the schema registry topic " + topic + " has "
                        + description.partitions().size() + " partitions; it needs exactly 1 to keep changes in order");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the schema registry topic " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while setting up the registry topic");
        }
    }

    /** A topic just created may take a moment to be known to every broker. */
    private TopicDescription describe(Admin admin, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }
}
