package dev.weir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.broker.Clients;
import dev.weir.broker.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed records (bad JSON, wrong types, values of ~900 KB, invalid UTF-8, empty values, tombstones,
 * JSON that is not an object) among good ones: each bad one is dead-lettered with headers saying where it came from
 * and why, the good ones flow, and the process stays up and keeps reporting.
 */
class FaultMalformedFloodIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 8_000;

    @TempDir
    Path tmp;

    @Test
    void everyBadRecordIsDeadLetteredAndTheGoodOnesFlow() throws Exception {
        long started = System.nanoTime();
        Path project = FaultKit.project(tmp.resolve("flood"), Map.of(
                "weir.yaml", "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: flood }\n",
                "topics/topics.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Topic
                        metadata: { name: raw }
                        spec: { partitions: 2 }
                        """,
                "pipelines/clean.yaml", """
                        apiVersion: weir.dev/v1
                        kind: Pipeline
                        metadata: { name: clean }
                        spec:
                          source: { topic: raw, key: id }
                          steps:
                            - validate: { required: [id, amount], types: { id: string, amount: number } }
                            - map: { set: { cents: "int(amount * 100.0)" } }
                          sink: { topic: clean }
                          errors: { deadLetterTopic: raw-dlq }
                        """));
        Random rnd = new Random(7);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Map<String, Integer> kinds = new HashMap<>();
        Set<String> goodIds = new HashSet<>();
        Set<String> badValues = new HashSet<>(); // what was sent, to tell dead letters apart by partition and offset later
        int bad = 0;
        String huge = "y".repeat(900 * 1024);
        for (int i = 0; i < RECORDS; i++) {
            String key = "k" + i;
            byte[] value;
            String kind;
            if (i % 2 == 0) {
                kind = "good";
                value = ("{\"id\": \"g" + i + "\", \"amount\": " + (1 + rnd.nextInt(999)) + ".5}").getBytes(StandardCharsets.UTF_8);
                goodIds.add("g" + i);
            } else {
                int which = (i / 2) % 11;
                kind = i % 500 == 1 ? "huge bad json" : i % 500 == 251 ? "huge wrong type" : switch (which) {
                    case 0 -> "bad json";
                    case 1 -> "wrong type";
                    case 2 -> "missing field";
                    case 3 -> "truncated";
                    case 4 -> "array";
                    case 5 -> "invalid utf-8";
                    case 6 -> "empty";
                    case 7 -> "tombstone";
                    case 8 -> "number";
                    case 9 -> "binary";
                    default -> "null id";
                };
                value = switch (kind) {
                    case "bad json" -> "{\"id\": \"b, amount: }".getBytes(StandardCharsets.UTF_8);
                    case "wrong type" -> ("{\"id\": \"b" + i + "\", \"amount\": \"ten\"}").getBytes(StandardCharsets.UTF_8);
                    case "missing field" -> ("{\"id\": \"b" + i + "\"}").getBytes(StandardCharsets.UTF_8);
                    case "huge bad json" -> ("{\"id\": \"" + huge).getBytes(StandardCharsets.UTF_8);
                    case "truncated" -> ("{\"id\": \"b" + i + "\", \"amo").getBytes(StandardCharsets.UTF_8);
                    case "huge wrong type" -> ("{\"id\": \"b" + i + "\", \"amount\": \"" + huge + "\"}").getBytes(StandardCharsets.UTF_8);
                    case "array" -> "[1, 2, 3]".getBytes(StandardCharsets.UTF_8);
                    case "invalid utf-8" -> new byte[]{'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', ',',
                            '"', 'a', 'm', 'o', 'u', 'n', 't', '"', ':', '1', '}'};
                    case "empty" -> new byte[0];
                    case "tombstone" -> null;
                    case "number" -> "42".getBytes(StandardCharsets.UTF_8);
                    case "binary" -> randomBytes(rnd, 1 + rnd.nextInt(200));
                    default -> "{\"id\": null, \"amount\": 3}".getBytes(StandardCharsets.UTF_8);
                };
                bad++;
            }
            kinds.merge(kind, 1, Integer::sum);
            records.add(new ProducerRecord<>("raw", key, value));
        }
        System.out.printf("[faults] flood: %s%n", kinds);

        try (EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Config.of(tmp.resolve("kafka")).withPort(Clients.freePort())).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            String bootstrap = kafka.bootstrapServers();
            FaultKit.createTopic(admin, "raw", 2, Map.of());
            FaultKit.produce(bootstrap, records);
            try (WeirProcess weir = WeirProcess.start(tmp, "run", project.toString(), "-b", bootstrap, "--status-interval", "1s")) {
                FaultKit.awaitCaughtUp(admin, "weir-flood-clean", "raw", Duration.ofSeconds(120), weir);
                int before = weir.lineCount();
                String deadLettered = "dead-lettered " + bad;
                weir.awaitLineAfter(before, l -> l.contains("clean") && l.contains("RUNNING")
                        && l.replace(",", "").replaceAll(" +", " ").contains(deadLettered), Duration.ofSeconds(30));
                weir.awaitLineAfter(weir.lineCount(), l -> l.contains("clean") && l.contains("RUNNING"), Duration.ofSeconds(30));

                List<String> ids = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : FaultKit.readAll(bootstrap, "clean")) {
                    var v = JSON.readTree(r.value());
                    ids.add(v.path("id").asText());
                    assertThat(v.path("cents").isIntegralNumber()).isTrue();
                }
                assertThat(ids).hasSize(goodIds.size());
                FaultKit.assertSameSets("good records", new HashSet<>(ids), goodIds);

                List<ConsumerRecord<String, byte[]>> dead = FaultKit.readAll(bootstrap, "raw-dlq");
                assertThat(dead).hasSize(bad);
                Set<String> where = new HashSet<>();
                for (ConsumerRecord<String, byte[]> r : dead) {
                    Map<String, String> h = new HashMap<>();
                    for (Header header : r.headers()) {
                        h.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                    }
                    assertThat(h).containsEntry("weir.pipeline", "clean").containsEntry("weir.source.topic", "raw")
                            .containsKeys("weir.step", "weir.error", "weir.source.partition", "weir.source.offset");
                    assertThat(where.add(h.get("weir.source.partition") + "@" + h.get("weir.source.offset")))
                            .as("dead-lettered once: %s", h).isTrue();
                }
                assertThat(weir.isAlive()).isTrue();
                assertThat(weir.stop(Duration.ofSeconds(60))).isIn(0, 143);
                assertThat(weir.output()).contains("Stopped cleanly.");
            }
        }
        System.out.printf("[faults] flood: %,d good and %,d bad records sorted in %.1f s%n", goodIds.size(), bad,
                (System.nanoTime() - started) / 1e9);
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        b[0] = (byte) 0xFF; // never valid JSON
        return b;
    }
}
