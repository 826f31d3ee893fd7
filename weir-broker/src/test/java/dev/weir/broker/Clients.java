package dev.weir.broker;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain Kafka clients for tests: what a user's own producer and consumer would do. */
public final class Clients {

    private Clients() {
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Sends key/value pairs ({@code kv[0]}, {@code kv[1]}, ...) with acks=all and waits for each. */
    public static void produce(String bootstrap, String topic, String... kv) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < kv.length; i += 2) {
                p.send(new ProducerRecord<>(topic, kv[i], kv[i + 1])).get();
            }
        }
    }

    /** Reads committed records from the beginning of every partition until {@code expected} arrived or the timeout passed. */
    public static List<ConsumerRecord<String, String>> read(String bootstrap, String topic, int expected, Duration timeout) {
        return read(bootstrap, topic, records -> records.size() >= expected, timeout);
    }

    /** Records whose value contains {@code text}, waiting until at least one arrived or the timeout passed. */
    public static List<ConsumerRecord<String, String>> awaitContaining(String bootstrap, String topic, String text,
                                                                       Duration timeout) {
        return read(bootstrap, topic, records -> records.stream().anyMatch(r -> r.value() != null && r.value().contains(text)),
                timeout).stream().filter(r -> r.value() != null && r.value().contains(text)).toList();
    }

    private static List<ConsumerRecord<String, String>> read(String bootstrap, String topic,
                                                             java.util.function.Predicate<List<ConsumerRecord<String, String>>> done,
                                                             Duration timeout) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // A little longer, to catch records that should not be there.
            long settle = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < settle) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }
}
