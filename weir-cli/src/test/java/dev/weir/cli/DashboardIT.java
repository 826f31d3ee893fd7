package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.broker.Clients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard of {@code weir up} in a real headless Chromium: the packaged jar runs the
 * fraud-detection example, the browser opens the page, sees the pipeline in the lineage graph and
 * its counters move, ticks a dead letter and clicks Replay; a plain Kafka consumer then finds the
 * record back on its source topic.
 */
class DashboardIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PIPELINE = "score-transactions";

    @TempDir
    Path tmp;


    @Test
    void showsThePipelinesLiveAndReplaysADeadLetterFromTheBrowser() throws Exception {
        HeadlessChromium.binary();
        Path project = WeirProcess.copyExample(tmp);
        int kafkaPort = Clients.freePort();
        int httpPort = Clients.freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        try (WeirProcess up = WeirProcess.start(tmp, "up", project.toString(), "--kafka-port", Integer.toString(kafkaPort),
                "--registry-port", Integer.toString(Clients.freePort()), "--http-port", Integer.toString(httpPort));
             HeadlessChromium chrome = HeadlessChromium.launch(tmp.resolve("chromium"))) {
            up.awaitLine(l -> l.startsWith("Press Ctrl-C"), WAIT);
            String url = "http://127.0.0.1:" + httpPort + "/";
            assertThat(up.output()).contains("  dashboard   " + url);
            try {
                chrome.navigate(url);
                assertThat(chrome.evaluate("document.title").asText()).startsWith("Weir");

                JsonNode graph = chrome.await("[...document.querySelectorAll('#lineage .node')].map(n => n.dataset.id)",
                        ids -> ids.toString().contains("pipeline:" + PIPELINE), WAIT);
                assertThat(graph.toString()).contains("topic:transactions", "topic:transactions-clean", "topic:fraud-alerts",
                        "topic:transactions-dlq", "generator:transactions");
                chrome.await("document.querySelector('#lineage .node[data-name=\"" + PIPELINE + "\"]').dataset.state",
                        state -> state.asText().equals("RUNNING"), WAIT);

                String inCount = "Number(document.querySelector('[data-pipeline=\"" + PIPELINE
                        + "\"] [data-field=\"in\"]').dataset.value)";
                long earlier = chrome.await(inCount, v -> v.asLong() > 0, WAIT).asLong();
                long later = chrome.await(inCount, v -> v.asLong() > earlier, WAIT).asLong();
                assertThat(later).as("records in, read twice from the page").isGreaterThan(earlier);

                chrome.evaluate("location.hash = '#dead-letters'");
                chrome.await("document.querySelectorAll('#dl-table tbody tr[data-source-topic=\"transactions\"]').length",
                        n -> n.asInt() > 0, WAIT);
                JsonNode ticked = chrome.evaluate("""
                        (() => {
                          const row = document.querySelector('#dl-table tbody tr[data-source-topic="transactions"]');
                          row.querySelector('input.dl-select').click();
                          return {topic: row.dataset.topic, partition: Number(row.dataset.partition),
                                  offset: Number(row.dataset.offset), sourcePartition: Number(row.dataset.sourcePartition),
                                  sourceOffset: Number(row.dataset.sourceOffset)};
                        })()""");
                chrome.await("document.getElementById('replay-button').disabled", disabled -> !disabled.asBoolean(), WAIT);
                chrome.evaluate("document.getElementById('replay-button').click()");
                chrome.await("document.getElementById('replay-result').dataset.replayed || document.getElementById('replay-result').textContent",
                        v -> v.asText().equals("1") || v.asText().startsWith("Replay failed"), WAIT);
                assertThat(chrome.evaluate("document.getElementById('replay-result').textContent").asText())
                        .isEqualTo("Replayed 1 record to transactions");

                String from = ticked.path("topic").asText() + "/" + ticked.path("partition").asInt() + "/"
                        + ticked.path("offset").asLong();
                ConsumerRecord<byte[], byte[]> replayed = awaitReplayed(bootstrap, from);
                ConsumerRecord<byte[], byte[]> original = read(bootstrap, "transactions", ticked.path("sourcePartition").asInt(),
                        ticked.path("sourceOffset").asLong());
                assertThat(replayed.key()).isEqualTo(original.key());
                assertThat(new String(replayed.value(), StandardCharsets.UTF_8))
                        .isEqualTo(new String(original.value(), StandardCharsets.UTF_8));
            } catch (AssertionError | RuntimeException e) {
                Path shot = Path.of("target", "failsafe-reports", "DashboardIT.png");
                Files.createDirectories(shot.getParent());
                Files.write(shot, chrome.screenshot());
                throw new AssertionError(e.getMessage() + "\n(the page as it was: " + shot.toAbsolutePath() + ")\nweir printed:\n"
                        + up.output(), e);
            }
            up.stop(WAIT);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The record on the source topic whose weir.replayed-from header names the dead letter. */
    private static ConsumerRecord<byte[], byte[]> awaitReplayed(String bootstrap, String from) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
            List<TopicPartition> tps = c.partitionsFor("transactions", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition("transactions", p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    Header h = r.headers().lastHeader("weir.replayed-from");
                    if (h != null) {
                        String value = new String(h.value(), StandardCharsets.UTF_8);
                        if (value.equals(from)) {
                            return r;
                        }
                        seen.add(value);
                    }
                }
            }
            throw new AssertionError("no record on transactions with weir.replayed-from=" + from + " (replays seen: " + seen + ")");
        }
    }

    private static ConsumerRecord<byte[], byte[]> read(String bootstrap, String topic, int partition, long offset) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
            TopicPartition tp = new TopicPartition(topic, partition);
            c.assign(List.of(tp));
            c.seek(tp, offset);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                }
            }
            throw new AssertionError("no record at " + topic + "/" + partition + "/" + offset);
        }
    }
}
