package dev.weir.engine.step;

import dev.weir.engine.PipelineHarness;
import dev.weir.engine.deadletter.DeadLetterHeaders;
import dev.weir.engine.record.Json;
import dev.weir.spec.SpecException;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregateStepTest {

    /** Event times in these tests are seconds after this instant, the start of a minute. */
    private static final long T0 = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private static long at(long seconds) {
        return T0 + seconds * 1000;
    }

    private static String iso(long seconds) {
        return Instant.ofEpochMilli(at(seconds)).toString();
    }

    private static Map<String, Object> parse(String json) {
        try {
            return Json.parseObject(json.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> results(PipelineHarness h, String topic) {
        return h.values(topic).stream().map(AggregateStepTest::parse).toList();
    }

    private static String pipeline(String name, String aggregate) {
        return """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: %s }
                spec:
                  source: { topic: payments }
                  steps:
                    - aggregate:
                %s
                  sink: { topic: stats }
                """.formatted(name, aggregate.indent(8).stripTrailing());
    }

    private static final String ALL_FUNCTIONS = """
            compute:
              payments: "count()"
              total: "sum(amount)"
              average: "avg(amount)"
              smallest: "min(amount)"
              largest: "max(amount)"
              customers: "count_distinct(customer_id)"
            """;

    @Test
    void tumblingWindowComputesEveryFunctionAndSendsAResultPerRecord() {
        try (var h = PipelineHarness.of(dir, pipeline("merchant-minutes", """
                name: per-merchant
                groupBy: merchant_id
                window: { tumbling: 1m }
                """ + ALL_FUNCTIONS))) {
            h.send("payments", "p1", "{\"merchant_id\": \"m1\", \"amount\": 10, \"customer_id\": \"c1\"}", at(1));
            h.send("payments", "p2", "{\"merchant_id\": \"m1\", \"amount\": 5, \"customer_id\": \"c2\"}", at(2));
            h.send("payments", "p3", "{\"merchant_id\": \"m2\", \"amount\": 2.5, \"customer_id\": \"c9\"}", at(3));
            h.send("payments", "p4", "{\"merchant_id\": \"m1\", \"amount\": 20, \"customer_id\": \"c1\"}", at(4));
            h.send("payments", "p5", "{\"merchant_id\": \"m1\", \"amount\": 7, \"customer_id\": \"c3\"}", at(61));

            List<TestRecord<String, String>> out = h.read("stats");

            assertThat(out).extracting(TestRecord::key).containsExactly("m1", "m1", "m2", "m1", "m1");
            Map<String, Object> m1 = parse(out.get(3).value());
            assertThat(m1.keySet()).containsExactly("merchant_id", "window_start", "window_end",
                    "payments", "total", "average", "smallest", "largest", "customers");
            assertThat(m1).isEqualTo(Map.of("merchant_id", "m1", "window_start", iso(0), "window_end", iso(60),
                    "payments", 3L, "total", 35L, "average", 35.0 / 3, "smallest", 5L, "largest", 20L, "customers", 2L));
            assertThat(parse(out.get(2).value())).isEqualTo(Map.of("merchant_id", "m2", "window_start", iso(0),
                    "window_end", iso(60), "payments", 1L, "total", 2.5, "average", 2.5, "smallest", 2.5,
                    "largest", 2.5, "customers", 1L));
            assertThat(parse(out.get(4).value())).containsEntry("window_start", iso(60)).containsEntry("payments", 1L)
                    .containsEntry("total", 7L);
        }
    }

    @Test
    void sumTurnsDecimalOnceADecimalArrivesAndMinMaxCompareAcrossNumberTypes() {
        try (var h = PipelineHarness.of(dir, pipeline("mixed", """
                groupBy: merchant_id
                compute: { total: "sum(amount)", smallest: "min(amount)", largest: "max(amount)" }
                """))) {
            h.send("payments", null, "{\"merchant_id\": \"m1\", \"amount\": 3}", at(1));
            h.send("payments", null, "{\"merchant_id\": \"m1\", \"amount\": 2.5}", at(2));
            h.send("payments", null, "{\"merchant_id\": \"m1\", \"amount\": 4}", at(3));

            List<Map<String, Object>> out = results(h, "stats");

            assertThat(out).extracting(r -> r.get("total")).containsExactly(3L, 5.5, 9.5);
            assertThat(out.get(2)).containsEntry("smallest", 2.5).containsEntry("largest", 4L);
        }
    }

    @Test
    void emitFinalSendsOneResultPerWindowOnlyOnceStreamTimeReachesEndPlusGrace() {
        try (var h = PipelineHarness.of(dir, pipeline("final-minutes", """
                groupBy: merchant_id
                window: { tumbling: 1m, grace: 10s }
                emit: final
                compute: { payments: "count()", total: "sum(amount)" }
                """))) {
            h.send("payments", null, "{\"merchant_id\": \"m1\", \"amount\": 1}", at(5));
            h.send("payments", null, "{\"merchant_id\": \"m1\", \"amount\": 2}", at(30));
            h.send("payments", null, "{\"merchant_id\": \"m2\", \"amount\": 4}", at(65));
            h.send("payments", null, "{\"merchant_id\": \"m1\", \"amount\": 8}", at(55));
            h.send("payments", null, "{\"merchant_id\": \"m2\", \"amount\": 0}", at(70) - 1);
            assertThat(h.read("stats")).as("the first window is open until 60s + 10s grace").isEmpty();

            h.driver().advanceWallClockTime(Duration.ofMinutes(10));
            assertThat(h.read("stats")).as("wall-clock time does not close windows").isEmpty();

            h.send("payments", null, "{\"merchant_id\": \"m2\", \"amount\": 16}", at(70));
            List<TestRecord<String, String>> out = h.read("stats");

            assertThat(out).extracting(TestRecord::key).containsExactly("m1");
            assertThat(parse(out.get(0).value())).isEqualTo(Map.of("merchant_id", "m1", "window_start", iso(0),
                    "window_end", iso(60), "payments", 3L, "total", 11L));
            h.send("payments", null, "{\"merchant_id\": \"m1\", \"amount\": 32}", at(200));
            assertThat(results(h, "stats")).as("each window once; m2's window closed at 130s")
                    .containsExactly(Map.of("merchant_id", "m2", "window_start", iso(60), "window_end", iso(120),
                            "payments", 3L, "total", 20L));
        }
    }

    @Test
    void emitFinalStillSendsAWindowsResultWhenTheNextRecordComesAQuietHalfHourLater() {
        try (var h = PipelineHarness.of(dir, pipeline("quiet", """
                groupBy: merchant_id
                window: { tumbling: 1m, grace: 10s }
                emit: final
                compute: { payments: "count()" }
                """))) {
            h.send("payments", null, "{\"merchant_id\": \"m1\"}", at(5));
            h.send("payments", null, "{\"merchant_id\": \"m1\"}", at(20));
            h.send("payments", null, "{\"merchant_id\": \"m1\"}", at(30 * 60));
            assertThat(results(h, "stats")).containsExactly(Map.of("merchant_id", "m1", "window_start", iso(0),
                    "window_end", iso(60), "payments", 2L));
        }
    }

    @Test
    void aRecordWithinGraceIsCountedAndOneLaterThanGraceIsDropped() {
        try (var h = PipelineHarness.of(dir, pipeline("late", """
                groupBy: merchant_id
                window: { tumbling: 1m, grace: 10s }
                compute: { payments: "count()" }
                """))) {
            h.send("payments", null, "{\"merchant_id\": \"m1\"}", at(50));
            h.send("payments", null, "{\"merchant_id\": \"m1\"}", at(65));
            h.send("payments", null, "{\"merchant_id\": \"m1\"}", at(55));
            h.send("payments", null, "{\"merchant_id\": \"m1\"}", at(70));
            h.send("payments", null, "{\"merchant_id\": \"m1\"}", at(58));

            List<Map<String, Object>> out = results(h, "stats");

            assertThat(out).extracting(r -> r.get("window_start") + " " + r.get("payments")).containsExactly(
                    iso(0) + " 1", iso(60) + " 1",
                    iso(0) + " 2",
                    iso(60) + " 2");
            assertThat(h.read("late-dlq")).as("late records are dropped, not dead letters").isEmpty();
        }
    }

    @Test
    void hoppingWindowsCountARecordInEveryWindowThatCoversIt() {
        try (var h = PipelineHarness.of(dir, pipeline("hops", """
                groupBy: merchant_id
                window: { hopping: 1m, advance: 30s }
                compute: { payments: "count()" }
                """))) {
            h.send("payments", null, "{\"merchant_id\": \"m1\"}", at(45));
            h.send("payments", null, "{\"merchant_id\": \"m1\"}", at(70));

            List<Map<String, Object>> out = results(h, "stats");

            assertThat(out).extracting(r -> r.get("window_start") + ".." + r.get("window_end") + " " + r.get("payments"))
                    .containsExactly(
                            iso(0) + ".." + iso(60) + " 1", iso(30) + ".." + iso(90) + " 1",
                            iso(30) + ".." + iso(90) + " 2", iso(60) + ".." + iso(120) + " 1");
        }
    }

    @Test
    void sessionWindowsMergeWhenARecordBridgesTheGap() {
        try (var h = PipelineHarness.of(dir, pipeline("sessions", """
                groupBy: customer_id
                window: { session: 5m, grace: 5m }
                """ + ALL_FUNCTIONS.replace("customer_id", "merchant_id")))) {
            h.send("payments", null, "{\"customer_id\": \"c1\", \"amount\": 10, \"merchant_id\": \"m1\"}", at(0));
            h.send("payments", null, "{\"customer_id\": \"c1\", \"amount\": 30, \"merchant_id\": \"m2\"}", at(480));
            h.send("payments", null, "{\"customer_id\": \"c1\", \"amount\": 2.0, \"merchant_id\": \"m1\"}", at(240));

            List<Map<String, Object>> out = results(h, "stats");

            assertThat(out).extracting(r -> r.get("window_start") + ".." + r.get("window_end") + " " + r.get("payments"))
                    .containsExactly(iso(0) + ".." + iso(0) + " 1", iso(480) + ".." + iso(480) + " 1",
                            iso(0) + ".." + iso(480) + " 3");
            assertThat(out.get(2)).isEqualTo(Map.of("customer_id", "c1", "window_start", iso(0), "window_end", iso(480),
                    "payments", 3L, "total", 42.0, "average", 14.0, "smallest", 2.0, "largest", 30L, "customers", 2L));
        }
    }

    @Test
    void sessionWindowWithEmitFinalSendsTheMergedSessionOnceItCloses() {
        try (var h = PipelineHarness.of(dir, pipeline("final-sessions", """
                groupBy: customer_id
                window: { session: 5m, grace: 5m }
                emit: final
                compute: { payments: "count()", total: "sum(amount)" }
                """))) {
            h.send("payments", null, "{\"customer_id\": \"c1\", \"amount\": 1}", at(0));
            h.send("payments", null, "{\"customer_id\": \"c1\", \"amount\": 2}", at(480));
            h.send("payments", null, "{\"customer_id\": \"c1\", \"amount\": 4}", at(240));
            h.send("payments", null, "{\"customer_id\": \"c2\", \"amount\": 8}", at(1079));
            assertThat(h.read("stats")).as("the session ends at 480s and stays open for 5m gap + 5m grace").isEmpty();

            h.send("payments", null, "{\"customer_id\": \"c2\", \"amount\": 16}", at(1081));

            assertThat(results(h, "stats")).containsExactly(Map.of("customer_id", "c1", "window_start", iso(0),
                    "window_end", iso(480), "payments", 3L, "total", 7L));
        }
    }

    @Test
    void unwindowedAggregateSendsTheRunningResultOnEveryRecordAndSkipsNulls() {
        try (var h = PipelineHarness.of(dir, pipeline("totals", """
                groupBy: "country + '/' + currency"
                compute: { payments: "count()", total: "sum(amount)", average: "avg(amount)", customers: "count_distinct(customer)" }
                """))) {
            h.send("payments", "p1", "{\"country\": \"DE\", \"currency\": \"EUR\", \"amount\": 10, \"customer\": 1}", at(1));
            h.send("payments", "p2", "{\"country\": \"FR\", \"currency\": \"EUR\", \"amount\": 5, \"customer\": 2}", at(2));
            h.send("payments", "p3", "{\"country\": \"DE\", \"currency\": \"EUR\", \"amount\": null, \"customer\": null}", at(3));
            h.send("payments", "p4", "{\"country\": \"DE\", \"currency\": \"EUR\", \"amount\": 4, \"customer\": \"1\"}", at(4));

            List<TestRecord<String, String>> out = h.read("stats");

            assertThat(out).extracting(TestRecord::key).containsExactly("DE/EUR", "FR/EUR", "DE/EUR", "DE/EUR");
            assertThat(out).extracting(r -> parse(r.value())).containsExactly(
                    Map.of("key", "DE/EUR", "payments", 1L, "total", 10L, "average", 10.0, "customers", 1L),
                    Map.of("key", "FR/EUR", "payments", 1L, "total", 5L, "average", 5.0, "customers", 1L),
                    Map.of("key", "DE/EUR", "payments", 2L, "total", 10L, "average", 10.0, "customers", 1L),
                    Map.of("key", "DE/EUR", "payments", 3L, "total", 14L, "average", 7.0, "customers", 1L));
        }
    }

    @Test
    void withToResultsGoToThatTopicAndTheRecordsGoOnUnchanged() {
        try (var h = PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: side }
                spec:
                  source: { topic: payments }
                  steps:
                    - aggregate:
                        groupBy: merchant_id
                        compute: { payments: "count()" }
                        to: merchant-counts
                    - filter: "amount > 5"
                  sink: { topic: big-payments }
                """)) {
            h.send("payments", "p1", "{\"merchant_id\": \"m1\", \"amount\": 10}", at(1));
            h.send("payments", "p2", "{\"merchant_id\": \"m1\", \"amount\": 3}", at(2));

            List<TestRecord<String, String>> counts = h.read("merchant-counts");
            List<TestRecord<String, String>> main = h.read("big-payments");

            assertThat(counts).extracting(TestRecord::key).containsExactly("m1", "m1");
            assertThat(counts).extracting(r -> parse(r.value()).get("payments")).containsExactly(1L, 2L);
            assertThat(main).extracting(TestRecord::key).containsExactly("p1");
            assertThat(parse(main.get(0).value())).isEqualTo(Map.of("merchant_id", "m1", "amount", 10L));
            assertThat(h.compiled().outputTopics()).contains("merchant-counts", "big-payments");
        }
    }

    @Test
    void recordsWithoutAGroupOrWithANonNumericSumBecomeDeadLetters() {
        try (var h = PipelineHarness.of(dir, pipeline("careful", """
                name: per-merchant
                groupBy: merchant_id
                compute: { payments: "count()", total: "sum(amount)" }
                """))) {
            h.send("payments", "p1", "{\"amount\": 10}", at(1));
            h.send("payments", "p2", "{\"merchant_id\": null, \"amount\": 10}", at(2));
            h.send("payments", "p3", "{\"merchant_id\": \"m1\", \"amount\": \"lots\"}", at(3));
            h.send("payments", "p4", "{\"merchant_id\": \"m1\", \"amount\": 4}", at(4));

            List<TestRecord<String, String>> dead = h.read("careful-dlq");

            assertThat(results(h, "stats")).containsExactly(Map.of("merchant_id", "m1", "payments", 1L, "total", 4L));
            assertThat(dead).extracting(TestRecord::key).containsExactly("p1", "p2", "p3");
            assertThat(dead).extracting(r -> PipelineHarness.headers(r).get(DeadLetterHeaders.RULE))
                    .containsExactly("groupBy", "groupBy", "total");
            assertThat(dead).extracting(r -> PipelineHarness.headers(r).get(DeadLetterHeaders.STEP))
                    .containsOnly("per-merchant");
            assertThat(PipelineHarness.headers(dead.get(0)).get(DeadLetterHeaders.ERROR)).contains("no field merchant_id");
            assertThat(PipelineHarness.headers(dead.get(1)).get(DeadLetterHeaders.ERROR)).contains("is null");
            assertThat(PipelineHarness.headers(dead.get(2)).get(DeadLetterHeaders.ERROR))
                    .isEqualTo("sum(amount) needs a number, got the string \"lots\"");
            assertThat(parse(dead.get(2).value())).isEqualTo(Map.of("merchant_id", "m1", "amount", "lots"));
        }
    }

    @Test
    void memoryStoreAggregatesTheSameWayWithoutRocksDb() {
        try (var h = PipelineHarness.of(dir, pipeline("in-memory", """
                name: per-merchant
                groupBy: merchant_id
                window: { tumbling: 1m }
                compute: { payments: "count()", total: "sum(amount)" }
                store: memory
                """))) {
            h.send("payments", null, "{\"merchant_id\": \"m1\", \"amount\": 1}", at(1));
            h.send("payments", null, "{\"merchant_id\": \"m1\", \"amount\": 2}", at(2));

            assertThat(results(h, "stats")).extracting(r -> r.get("total")).containsExactly(1L, 3L);
            assertThat(h.driver().getTimestampedWindowStore("per-merchant-store").persistent()).isFalse();
        }
    }

    @Test
    void storeAndRepartitionTopicAreNamedAfterTheStep() {
        try (var h = PipelineHarness.of(dir, pipeline("named", """
                name: per-merchant
                groupBy: merchant_id
                window: { tumbling: 1m }
                compute: { payments: "count()" }
                """))) {
            String topology = h.compiled().topology().describe().toString();

            assertThat(h.driver().getTimestampedWindowStore("per-merchant-store").persistent()).isTrue();
            assertThat(topology).contains("per-merchant-by-key-repartition", "stores: [per-merchant-store]");
        }
    }

    @Test
    void theRepartitionTopicSplitsThePipelineWithDeadLettersWrittenOnBothSides() {
        try (var h = PipelineHarness.of(dir, pipeline("split", """
                name: per-merchant
                groupBy: merchant_id
                window: { tumbling: 1m }
                compute: { payments: "count()" }
                """))) {
            String deadLetters = h.compiled().pipeline().errors().deadLetterTopic();
            List<TopologyDescription.Subtopology> parts = h.compiled().topology().describe().subtopologies().stream()
                    .sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id)).toList();

            assertThat(parts).as("as a hand-written application: one task reads the source, another the repartition topic")
                    .hasSize(2);
            assertThat(sources(parts.get(0))).containsExactly("payments");
            assertThat(sources(parts.get(1))).containsExactly("per-merchant-by-key-repartition");
            assertThat(parts).allSatisfy(part -> assertThat(sinks(part)).contains(deadLetters));
        }
    }

    private static List<String> sources(TopologyDescription.Subtopology part) {
        return part.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()).toList();
    }

    private static List<String> sinks(TopologyDescription.Subtopology part) {
        return part.nodes().stream().filter(n -> n instanceof TopologyDescription.Sink)
                .map(n -> ((TopologyDescription.Sink) n).topic()).toList();
    }

    @Test
    void aComputeColumnNamedLikeAResultFieldIsRejected() {
        assertThatThrownBy(() -> PipelineHarness.of(dir, pipeline("clash", """
                groupBy: merchant_id
                window: { tumbling: 1m }
                compute: { window_start: "min(ts)" }
                """))).isInstanceOf(SpecException.class).hasMessageContaining("window_start");
    }
}
