package dev.weir.server.lag;

import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.server.ProjectRuntime;
import dev.weir.server.observe.GroupLag;
import dev.weir.server.observe.LagStatus;
import dev.weir.server.observe.PartitionLag;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real consumer groups on the embedded broker, driven into each status and watched by a monitor
 * polling every 200 ms over windows of five observations.
 */
class LagMonitorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration INTERVAL = Duration.ofMillis(200);

    @TempDir
    static Path brokerDir;

    private static EmbeddedKafka kafka;
    private static Admin admin;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(brokerDir.resolve("kafka")).withPort(Clients.freePort())).start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        kafka.close();
    }

    @AfterEach
    void stopWorkers() throws Exception {
        running.set(false);
        for (Thread t : workers) {
            t.join(WAIT.toMillis());
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aGroupThatKeepsUpIsOk() throws Exception {
        String topic = topic("ok-in");
        LagMonitor monitor = monitor(LagSettings.ofGroups(Set.of("ok-group")).withInterval(INTERVAL).withWindow(5));
        AtomicBoolean producing = new AtomicBoolean(true);
        background(producer -> {
            if (producing.get()) {
                producer.send(new ProducerRecord<>(topic, "k", "v"));
            }
        }, Duration.ofMillis(100));
        KafkaConsumer<String, String> consumer = consumer("ok-group", Map.of());
        consumer.subscribe(List.of(topic));
        loop(() -> {
            consumer.poll(Duration.ofMillis(50));
            consumer.commitSync();
        });

        GroupLag caughtUp = await(monitor, "ok-group", g -> committed(g, topic) > 10);
        List<GroupLag> judgements = judgements(monitor, "ok-group", 10);

        assertThat(caughtUp.partitions()).extracting(PartitionLag::topic).containsExactly(topic);
        assertThat(judgements).extracting(GroupLag::status)
                .as("a consumer that keeps up is never judged stalled, stopped or rewound")
                .doesNotContain(LagStatus.STALL, LagStatus.STOP, LagStatus.REWIND);
        // The producer stops first; the consumer, still polling, catches up with the last record.
        producing.set(false);
        GroupLag done = await(monitor, "ok-group", g -> g.totalLag() == 0 && committed(g, topic) == endOffset(g, topic));
        assertThat(done.status()).isEqualTo(LagStatus.OK);
        running.set(false);
    }

    @Test
    void aGroupThatCommitsButFallsFurtherBehindIsWarn() throws Exception {
        String topic = topic("warn-in");
        LagMonitor monitor = monitor(LagSettings.ofGroups(Set.of("warn-group")).withInterval(INTERVAL).withWindow(5));
        background(producer -> {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "v"));
            }
        }, Duration.ofMillis(50));
        KafkaConsumer<String, String> consumer = consumer("warn-group", Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
        consumer.subscribe(List.of(topic));
        loop(() -> {
            if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                Thread.sleep(20); // a slow consumer: one record per 20 ms, half what is produced
                consumer.commitSync();
            }
        });

        GroupLag warned = await(monitor, "warn-group", g -> g.status() == LagStatus.WARN);

        PartitionLag p = warned.partitions().get(0);
        assertThat(p.status()).isEqualTo(LagStatus.WARN);
        assertThat(p.committedOffset()).as("it does commit").isPositive();
        assertThat(p.lag()).isEqualTo(p.endOffset() - p.committedOffset()).isPositive();
    }

    @Test
    void aGroupThatCommitsTheSameOffsetWhileRecordsPileUpIsStall() throws Exception {
        String topic = topic("stall-in");
        LagMonitor monitor = monitor(LagSettings.ofGroups(Set.of("stall-group")).withInterval(INTERVAL).withWindow(5));
        produce(topic, 20);
        background(producer -> producer.send(new ProducerRecord<>(topic, "k", "v")), Duration.ofMillis(100));
        KafkaConsumer<String, String> consumer = consumer("stall-group", Map.of());
        consumer.subscribe(List.of(topic));
        TopicPartition tp = new TopicPartition(topic, 0);
        loop(() -> {
            consumer.poll(Duration.ofMillis(100));
            if (!consumer.assignment().isEmpty()) {
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(5))); // stuck on record 5
            }
        });

        GroupLag stalled = await(monitor, "stall-group", g -> g.status() == LagStatus.STALL);

        assertThat(stalled.partitions()).singleElement().satisfies(p -> {
            assertThat(p.committedOffset()).isEqualTo(5);
            assertThat(p.lag()).isGreaterThanOrEqualTo(15);
        });
    }

    @Test
    void aGroupWhoseConsumerLeftWithLagIsStop() throws Exception {
        String topic = topic("stop-in");
        LagMonitor monitor = monitor(LagSettings.ofGroups(Set.of("stop-group")).withInterval(INTERVAL).withWindow(5));
        produce(topic, 50);
        KafkaConsumer<String, String> consumer = consumer("stop-group", Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
        consumer.subscribe(List.of(topic));
        // Consumes slowly while the monitor watches, then goes away with lag left.
        while (committedOffset(monitor, "stop-group", topic) < 5) {
            if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                consumer.commitSync();
                Thread.sleep(50);
            }
        }
        assertThat(monitor.group("stop-group").orElseThrow().status()).isNotEqualTo(LagStatus.STOP);
        consumer.close();

        GroupLag stopped = await(monitor, "stop-group", g -> g.status() == LagStatus.STOP);

        assertThat(stopped.totalLag()).isPositive();
    }

    @Test
    void aGroupResetBackToTheStartIsRewind() throws Exception {
        String topic = topic("rewind-in");
        // A longer window: a reset group without members is STOP once a window's time has passed.
        LagMonitor monitor = monitor(LagSettings.ofGroups(Set.of("rewind-group")).withInterval(INTERVAL).withWindow(10));
        produce(topic, 30);
        try (KafkaConsumer<String, String> consumer = consumer("rewind-group", Map.of())) {
            consumer.subscribe(List.of(topic));
            int read = 0;
            while (read < 30) {
                read += consumer.poll(Duration.ofMillis(100)).count();
            }
            consumer.commitSync();
        }
        GroupLag caughtUp = await(monitor, "rewind-group", g -> committed(g, topic) == 30);
        assertThat(caughtUp.status()).isEqualTo(LagStatus.OK);

        admin.alterConsumerGroupOffsets("rewind-group", Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0))).all().get();

        GroupLag rewound = await(monitor, "rewind-group", g -> g.status() == LagStatus.REWIND);
        assertThat(rewound.partitions()).singleElement().satisfies(p -> {
            assertThat(p.committedOffset()).isZero();
            assertThat(p.lag()).isEqualTo(30);
        });
    }

    @Test
    void recordsOfAnOpenTransactionAreNotLagAndNeitherIsTheCommitMarker() throws Exception {
        String topic = topic("txn-in");
        LagMonitor monitor = monitor(LagSettings.ofGroups(Set.of("txn-group")).withInterval(INTERVAL).withWindow(5));
        produce(topic, 10);
        KafkaConsumer<String, String> consumer = consumer("txn-group", Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        consumer.subscribe(List.of(topic));
        loop(() -> {
            consumer.poll(Duration.ofMillis(50));
            consumer.commitSync();
        });
        await(monitor, "txn-group", g -> committed(g, topic) == 10);

        KafkaProducer<String, String> txn = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-test-txn"), new StringSerializer(), new StringSerializer());
        toClose.add(txn);
        txn.initTransactions();
        txn.beginTransaction();
        for (int i = 0; i < 5; i++) {
            txn.send(new ProducerRecord<>(topic, "t", "in an open transaction")).get();
        }
        Instant sent = Instant.now();

        GroupLag open = await(monitor, "txn-group", g -> g.evaluatedAt().isAfter(sent.plus(INTERVAL.multipliedBy(2))));
        assertThat(open.partitions()).singleElement().satisfies(p -> {
            assertThat(p.endOffset()).as("the last stable offset, before the open transaction").isEqualTo(10);
            assertThat(p.lag()).isZero();
        });
        assertThat(open.status()).isEqualTo(LagStatus.OK);

        txn.commitTransaction();
        // Five records and the commit marker: a read-committed consumer's position passes the marker.
        GroupLag committed = await(monitor, "txn-group", g -> endOffset(g, topic) == 16 && g.totalLag() == 0);
        assertThat(committed.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void watchesEveryGroupWhenNoneAreNamedIncludingGroupsThatOnlyCommit() throws Exception {
        String topic = topic("all-in");
        produce(topic, 10);
        // A consumer outside any group protocol (as Flink or Spark do): it assigns itself and commits.
        try (KafkaConsumer<String, String> consumer = consumer("assigned-group", Map.of())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(4)));
        }
        LagMonitor monitor = monitor(LagSettings.allGroups().withInterval(INTERVAL).withWindow(5));

        GroupLag seen = await(monitor, "assigned-group", g -> !g.partitions().isEmpty());

        assertThat(seen.partitions()).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo(topic);
            assertThat(p.partition()).isZero();
            assertThat(p.committedOffset()).isEqualTo(4);
            assertThat(p.endOffset()).isEqualTo(10);
            assertThat(p.lag()).isEqualTo(6);
        });
        assertThat(seen.totalLag()).isEqualTo(6);
        assertThat(monitor.groups()).extracting(GroupLag::group).isSorted();
        assertThat(await(monitor, "assigned-group", g -> g.status() == LagStatus.STOP).status())
                .as("nobody moves its offset while lag stays").isEqualTo(LagStatus.STOP);
    }

    @Test
    void aNamedGroupThatHasCommittedNothingIsReportedOkWithoutPartitions() throws Exception {
        LagMonitor monitor = monitor(LagSettings.ofGroups(Set.of("not-started-yet")).withInterval(INTERVAL));

        GroupLag g = await(monitor, "not-started-yet", x -> true);

        assertThat(g.status()).isEqualTo(LagStatus.OK);
        assertThat(g.partitions()).isEmpty();
        assertThat(g.totalLag()).isZero();
    }

    @Test
    void judgesAWeirPipelineByItsApplicationIdOkThenStalledWhenPausedThenStopped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("weir.yaml"), "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: lagged }\n");
        Files.createDirectories(dir.resolve("pipelines"));
        Files.writeString(dir.resolve("pipelines/p.yaml"), """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: clean }
                spec:
                  source: { topic: lagged-payments }
                  steps:
                    - validate:
                        rules: [ { name: positive, expr: "amount > 0" } ]
                  sink: { topic: lagged-payments-clean }
                """);
        Project project = ProjectLoader.load(dir, Map.of());
        List<CompiledPipeline> pipelines = new PipelineCompiler().compileAll(project);
        List<String> applicationIds = pipelines.stream().map(CompiledPipeline::applicationId).toList();
        ProjectRuntime runtime = new ProjectRuntime(project, pipelines, kafka.bootstrapServers(), Map.of(),
                dir.resolve(".weir/state"), false);
        toClose.add(runtime);
        runtime.start();
        LagMonitor monitor = monitor(LagSettings.ofGroups(applicationIds).withInterval(INTERVAL).withWindow(5));
        for (int i = 0; i < 20; i++) {
            Clients.produce(kafka.bootstrapServers(), "lagged-payments", "p" + i, "{\"amount\": " + (i % 2 == 0 ? 1 : -1) + "}");
        }

        GroupLag done = await(monitor, "weir-lagged-clean", g -> committed(g, "lagged-payments") == 20);
        assertThat(applicationIds).containsExactly("weir-lagged-clean");
        assertThat(done.status()).isEqualTo(LagStatus.OK);
        assertThat(done.totalLag()).isZero();

        // Paused, the pipeline stays in its group but processes and commits nothing.
        runtime.runner().running().get(0).streams().pause();
        produce("lagged-payments", 10);
        GroupLag stalled = await(monitor, "weir-lagged-clean", g -> g.status() == LagStatus.STALL);
        assertThat(stalled.totalLag()).isEqualTo(10);

        runtime.close();
        GroupLag stopped = await(monitor, "weir-lagged-clean", g -> g.status() == LagStatus.STOP);
        assertThat(stopped.totalLag()).isEqualTo(10);
    }

    @Test
    void keepsTheLastJudgementWhileTheClusterIsAwayLogsThatOnceAndRecovers(@TempDir Path dir) throws Exception {
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dir.resolve("kafka")).withPort(Clients.freePort());
        EmbeddedKafka own = new EmbeddedKafka(config).start();
        try (CapturedLog log = CapturedLog.of(LagMonitor.class)) {
            try (Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, own.bootstrapServers()))) {
                a.createTopics(List.of(new NewTopic("away-in", 1, (short) 1))).all().get();
                a.alterConsumerGroupOffsets("away-group", Map.of(new TopicPartition("away-in", 0), new OffsetAndMetadata(0))).all().get();
            }
            LagMonitor monitor = new LagMonitor(own.bootstrapServers(),
                    Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000,
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200),
                    LagSettings.ofGroups(Set.of("away-group")).withInterval(INTERVAL)).start();
            toClose.add(monitor);
            GroupLag before = await(monitor, "away-group", g -> !g.partitions().isEmpty());

            own.close();
            awaitCondition("three polls have failed", () -> log.count(org.apache.logging.log4j.Level.DEBUG, "lag poll failed") >= 3);

            assertThat(log.count(org.apache.logging.log4j.Level.WARN, "consumer lag cannot be read")).isEqualTo(1);
            assertThat(monitor.group("away-group")).as("the last judgement is kept").contains(before);

            Instant restarted = Instant.now();
            own = new EmbeddedKafka(config).start();
            GroupLag after = await(monitor, "away-group", g -> g.evaluatedAt().isAfter(restarted));
            assertThat(after.partitions()).extracting(PartitionLag::topic).containsExactly("away-in");
            awaitCondition("the recovery is logged", () -> log.count(org.apache.logging.log4j.Level.INFO, "read from") == 1);
            assertThat(log.count(org.apache.logging.log4j.Level.WARN, "consumer lag cannot be read")).isEqualTo(1);
        } finally {
            stopWorkers();
            toClose.clear();
            own.close();
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private interface Step {
        void run() throws Exception;
    }

    private interface Send {
        void to(KafkaProducer<String, String> producer) throws Exception;
    }

    private LagMonitor monitor(LagSettings settings) {
        LagMonitor monitor = new LagMonitor(kafka.bootstrapServers(), Map.of(), settings).start();
        toClose.add(monitor);
        return monitor;
    }

    private static String topic(String name) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        return name;
    }

    private static void produce(String topic, int count) throws Exception {
        try (KafkaProducer<String, String> p = producer()) {
            for (int i = 0; i < count; i++) {
                p.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            p.flush();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String group, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        config.putAll(extra);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Runs {@code step} over and over on a thread of its own until the test ends; the consumer it uses is closed there. */
    private void loop(Step step) {
        Thread t = new Thread(() -> {
            try {
                while (running.get()) {
                    step.run();
                }
            } catch (Exception e) {
                if (running.get()) {
                    throw new IllegalStateException(e);
                }
            }
        }, "lag-test-worker");
        t.setDaemon(true);
        workers.add(t);
        t.start();
    }

    /** Sends on a thread of its own every {@code every} until the test ends. */
    private void background(Send send, Duration every) {
        KafkaProducer<String, String> producer = producer();
        toClose.add(producer);
        loop(() -> {
            send.to(producer);
            Thread.sleep(every.toMillis());
        });
    }

    private static GroupLag await(LagMonitor monitor, String group, Predicate<GroupLag> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Optional<GroupLag> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = monitor.group(group);
            if (last.isPresent() && condition.test(last.get())) {
                return last.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("timed out waiting for group " + group + "; last judgement: " + last);
    }

    /** The next {@code count} judgements of the group, each from a different poll. */
    private static List<GroupLag> judgements(LagMonitor monitor, String group, int count) throws InterruptedException {
        List<GroupLag> seen = new ArrayList<>();
        Set<Instant> times = new HashSet<>();
        while (seen.size() < count) {
            GroupLag next = await(monitor, group, g -> !times.contains(g.evaluatedAt()));
            times.add(next.evaluatedAt());
            seen.add(next);
        }
        return seen;
    }

    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static long committedOffset(LagMonitor monitor, String group, String topic) {
        return monitor.group(group).map(g -> committed(g, topic)).orElse(-1L);
    }

    private static long committed(GroupLag g, String topic) {
        return g.partitions().stream().filter(p -> p.topic().equals(topic)).mapToLong(PartitionLag::committedOffset).sum();
    }

    private static long endOffset(GroupLag g, String topic) {
        return g.partitions().stream().filter(p -> p.topic().equals(topic)).mapToLong(PartitionLag::endOffset).sum();
    }
}
