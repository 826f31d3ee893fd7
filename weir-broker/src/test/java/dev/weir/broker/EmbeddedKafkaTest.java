package dev.weir.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void startsAndServesProduceAndConsume() throws Exception {
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dir.resolve("kafka")).withPort(freePort());
        try (EmbeddedKafka kafka = new EmbeddedKafka(config).start()) {
            assertThat(kafka.isRunning()).isTrue();
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + config.port());
            assertThat(kafka.clusterId()).isNotBlank();
            assertThat(dir.resolve("kafka/meta.properties")).isRegularFile();

            createTopic(kafka, "orders");
            produce(kafka, "orders", List.of("a", "b", "c"));

            assertThat(consumeWithGroup(kafka, "orders", "test-group", 3)).containsExactly("a", "b", "c");

            kafka.close();
            assertThat(kafka.isRunning()).isFalse();
            kafka.close(); // idempotent
        }
    }

    @Test
    void keepsTopicsAndRecordsAcrossRestarts() throws Exception {
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dir.resolve("kafka")).withPort(freePort());
        String clusterId;
        int firstControllerPort;
        try (EmbeddedKafka kafka = new EmbeddedKafka(config).start()) {
            clusterId = kafka.clusterId();
            firstControllerPort = kafka.controllerPort();
            createTopic(kafka, "events");
            produce(kafka, "events", List.of("one", "two", "three"));
        }
        assertThat(dir.resolve("kafka/.kafka_cleanshutdown")).as("logs marked as cleanly shut down").isRegularFile();

        // Hold the previous controller port so the second run must use a different one.
        try (ServerSocket oldControllerPort = holdPort(firstControllerPort);
             EmbeddedKafka kafka = new EmbeddedKafka(config).start()) {
            assertThat(kafka.controllerPort()).isNotEqualTo(firstControllerPort);
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            try (Admin admin = admin(kafka)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("events");
            }
            assertThat(consumeAssigned(kafka, "events", false, 3)).containsExactly("one", "two", "three");

            produce(kafka, "events", List.of("four"));
            assertThat(consumeAssigned(kafka, "events", false, 4)).containsExactly("one", "two", "three", "four");
        }
    }

    @Test
    void busyPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(dir.resolve("kafka")).withPort(port));

            assertThatThrownBy(kafka::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("port " + port + " is already in use; stop whatever listens there "
                            + "or choose another with --kafka-port")
                    .satisfies(e -> assertThat(((PortInUseException) e).port()).isEqualTo(port));
            assertThat(kafka.isRunning()).isFalse();
            assertThat(Files.exists(dir.resolve("kafka/meta.properties"))).isFalse();
            kafka.close();
        }
    }

    @Test
    void secondBrokerOnTheSameDirectoryFailsClearly() throws Exception {
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dir.resolve("kafka")).withPort(freePort());
        try (EmbeddedKafka first = new EmbeddedKafka(config).start()) {
            EmbeddedKafka second = new EmbeddedKafka(config.withPort(freePort()));

            assertThatThrownBy(second::start)
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("is in use by another running broker");
            assertThat(second.isRunning()).isFalse();
            assertThat(first.isRunning()).isTrue();
            createTopic(first, "still-serving");
        }
    }

    @Test
    void transactionalProducerCommits() throws Exception {
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dir.resolve("kafka")).withPort(freePort());
        try (EmbeddedKafka kafka = new EmbeddedKafka(config).start()) {
            createTopic(kafka, "payments");

            Map<String, Object> producerConfig = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-tx",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer =
                         new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();

                producer.beginTransaction();
                producer.send(new ProducerRecord<>("payments", "k", "aborted"));
                producer.flush();
                producer.abortTransaction();

                producer.beginTransaction();
                producer.send(new ProducerRecord<>("payments", "k", "p1"));
                producer.send(new ProducerRecord<>("payments", "k", "p2"));
                producer.commitTransaction();
            }

            assertThat(consumeAssigned(kafka, "payments", true, 2)).containsExactly("p1", "p2");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return socket.getLocalPort();
        }
    }

    private static ServerSocket holdPort(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        return socket;
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static void createTopic(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(EmbeddedKafka kafka, String topic, List<String> values) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> consumeWithGroup(EmbeddedKafka kafka, String topic, String group, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<String> values = pollUntil(consumer, count);
            consumer.commitSync();
            return values;
        }
    }

    private static List<String> consumeAssigned(EmbeddedKafka kafka, String topic, boolean readCommitted, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            return pollUntil(consumer, count);
        }
    }

    private static List<String> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
        while (values.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
        }
        // One more short poll so that unexpected extra records would show up.
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            values.add(record.value());
        }
        return values;
    }
}
