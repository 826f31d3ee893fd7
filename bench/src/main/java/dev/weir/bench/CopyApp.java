package dev.weir.bench;

import dev.weir.bench.PipelineBench.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** The limit: poll, send each record to the output topic as it is; transactions with exactly-once. */
final class CopyApp implements PipelineBench.App {
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Topics t;
    private final boolean eos;

    CopyApp(String bootstrap, Topics t, boolean eos) {
        this.t = t;
        this.eos = eos;
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "limit-" + t.tag());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "limit-" + t.tag() + "-consumer");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, !eos);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, eos ? "read_committed" : "read_uncommitted");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "limit-" + t.tag() + "-producer");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        if (eos) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "limit-" + t.tag());
        }
        consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        thread = new Thread(this::loop, "limit-" + t.tag());
    }

    CopyApp start() {
        thread.start();
        return this;
    }

    private void loop() {
        consumer.subscribe(List.of(t.in()));
        if (eos) {
            producer.initTransactions();
            producer.beginTransaction();
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        long lastCommit = System.nanoTime();
        while (running.get()) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(20));
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                producer.send(new ProducerRecord<>(t.out(), null, r.timestamp(), r.key(), r.value()));
                offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            }
            if (eos && System.nanoTime() - lastCommit >= 100_000_000L) {
                if (!offsets.isEmpty()) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    offsets.clear();
                }
                producer.commitTransaction();
                producer.beginTransaction();
                lastCommit = System.nanoTime();
            }
        }
        if (eos) {
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            }
            producer.commitTransaction();
        }
        producer.close();
        consumer.close();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
    }
}
