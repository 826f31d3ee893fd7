package dev.weir.engine.step;

import dev.weir.engine.PipelineHarness;
import dev.weir.engine.deadletter.DeadLetterHeaders;
import dev.weir.spec.SpecException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrichStepTest {

    private static final String CUSTOMERS = """
            apiVersion: weir.dev/v1
            kind: Topic
            metadata: { name: customers }
            spec: { partitions: 1, config: { cleanup.policy: compact } }
            """;

    private static final String ADA = "{\"name\":\"Ada\",\"tier\":\"gold\"}";

    @TempDir
    Path dir;

    private PipelineHarness orders(String steps) {
        return PipelineHarness.of(dir, "orders", Map.of("topics/customers.yaml", CUSTOMERS, "pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: orders }
                spec:
                  source: { topic: orders }
                  steps:
                %s
                  sink: { topic: enriched-orders }
                """.formatted(steps.indent(4))));
    }

    @Test
    void leftEnrichAddsTheRowAndNullWhenTheTableHasNone() {
        try (var h = orders("- enrich: { table: customers, key: customer_id, as: customer }")) {
            h.send("customers", "c-1", ADA, 0);
            h.send("orders", "o-1", "{\"id\":1,\"customer_id\":\"c-1\"}", 10);
            h.send("orders", "o-2", "{\"id\":2,\"customer_id\":\"c-9\"}", 20);

            List<TestRecord<String, String>> out = h.read("enriched-orders");
            assertThat(out).extracting(TestRecord::key).containsExactly("o-1", "o-2");
            assertThat(out).extracting(TestRecord::value).containsExactly(
                    "{\"id\":1,\"customer_id\":\"c-1\",\"customer\":" + ADA + "}",
                    "{\"id\":2,\"customer_id\":\"c-9\",\"customer\":null}");
            assertThat(out).extracting(TestRecord::timestamp).containsExactly(10L, 20L);
        }
    }

    @Test
    void leftEnrichPassesARecordWithANullLookupKeyWithoutARow() {
        try (var h = orders("- enrich: { table: customers, key: customer_id, as: customer }")) {
            h.send("customers", "c-1", ADA, 0);
            h.send("orders", "o-1", "{\"id\":1,\"customer_id\":null}", 10);

            assertThat(h.values("enriched-orders")).containsExactly("{\"id\":1,\"customer_id\":null,\"customer\":null}");
        }
    }

    @Test
    void innerEnrichDropsRecordsWithoutARowOrLookupKey() {
        try (var h = orders("- enrich: { table: customers, key: customer_id, as: customer, join: inner }")) {
            h.send("customers", "c-1", ADA, 0);
            h.send("orders", "o-1", "{\"id\":1,\"customer_id\":\"c-9\"}", 10);
            h.send("orders", "o-2", "{\"id\":2,\"customer_id\":null}", 20);
            h.send("orders", "o-3", "{\"id\":3,\"customer_id\":\"c-1\"}", 30);

            assertThat(h.read("enriched-orders")).extracting(TestRecord::key).containsExactly("o-3");
            assertThat(h.compiled().metrics().filteredCount()).isEqualTo(2);
            assertThat(h.compiled().metrics().out()).isEqualTo(1);
        }
    }

    @Test
    void laterRecordsSeeTableUpdatesAndDeletes() {
        try (var h = orders("- enrich: { table: customers, key: customer_id, as: customer }")) {
            String order = "{\"customer_id\":\"c-1\"}";
            h.send("customers", "c-1", "{\"tier\":\"silver\"}", 0);
            h.send("orders", "o-1", order, 10);
            h.send("customers", "c-1", "{\"tier\":\"gold\"}", 20);
            h.send("orders", "o-2", order, 30);
            h.send("customers", "c-1", null, 40);
            h.send("orders", "o-3", order, 50);

            assertThat(h.values("enriched-orders")).containsExactly(
                    "{\"customer_id\":\"c-1\",\"customer\":{\"tier\":\"silver\"}}",
                    "{\"customer_id\":\"c-1\",\"customer\":{\"tier\":\"gold\"}}",
                    "{\"customer_id\":\"c-1\",\"customer\":null}");
        }
    }

    @Test
    void aMalformedTableRowCountsAsNoRowAndTheApplicationGoesOn() {
        try (var h = orders("- enrich: { table: customers, key: customer_id, as: customer }")) {
            h.send("customers", "c-1", ADA, 0);
            h.send("customers", "c-1", "{\"name\": ", 1);
            h.send("customers", "c-2", "[1, 2]", 2);
            h.send("customers", "c-3", ADA, 3);
            h.send("orders", "o-1", "{\"customer_id\":\"c-1\"}", 10);
            h.send("orders", "o-2", "{\"customer_id\":\"c-2\"}", 20);
            h.send("orders", "o-3", "{\"customer_id\":\"c-3\"}", 30);

            assertThat(h.values("enriched-orders")).containsExactly(
                    "{\"customer_id\":\"c-1\",\"customer\":null}",
                    "{\"customer_id\":\"c-2\",\"customer\":null}",
                    "{\"customer_id\":\"c-3\",\"customer\":" + ADA + "}");
            assertThat(h.read("orders-dlq")).isEmpty();
        }
    }

    @Test
    void twoStepsCanEnrichFromTheSameTable() {
        try (var h = orders("""
                - enrich: { name: buyer, table: customers, key: buyer_id, as: buyer }
                - enrich: { name: seller, table: customers, key: seller_id, as: seller }
                """)) {
            h.send("customers", "c-1", "{\"name\":\"Ada\"}", 0);
            h.send("customers", "c-2", "{\"name\":\"Bob\"}", 0);
            h.send("orders", "o-1", "{\"buyer_id\":\"c-1\",\"seller_id\":\"c-2\"}", 10);

            assertThat(h.values("enriched-orders")).containsExactly(
                    "{\"buyer_id\":\"c-1\",\"seller_id\":\"c-2\",\"buyer\":{\"name\":\"Ada\"},\"seller\":{\"name\":\"Bob\"}}");
            assertThat(h.compiled().inputTopics()).containsExactlyInAnyOrder("orders", "customers");
        }
    }

    @Test
    void aLookupKeyThatCannotBeEvaluatedGoesToTheDeadLetterTopic() {
        try (var h = orders("- enrich: { table: customers, key: \"customer_id + 1\", as: customer }")) {
            h.send("orders", "o-1", "{\"customer_id\":\"c-1\"}", 10);

            assertThat(h.read("enriched-orders")).isEmpty();
            List<TestRecord<String, String>> dead = h.read("orders-dlq");
            assertThat(dead).extracting(TestRecord::key).containsExactly("o-1");
            assertThat(dead).extracting(TestRecord::value).containsExactly("{\"customer_id\":\"c-1\"}");
            assertThat(PipelineHarness.headers(dead.get(0)))
                    .containsEntry(DeadLetterHeaders.STEP, "enrich")
                    .containsEntry(DeadLetterHeaders.RULE, "key")
                    .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, "orders");
        }
    }

    @Test
    void aTableThatIsNotADeclaredTopicIsASpecError() {
        assertThatThrownBy(() -> PipelineHarness.of(dir, """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: orders }
                spec:
                  source: { topic: orders }
                  steps:
                    - enrich: { table: clients, key: customer_id }
                  sink: { topic: enriched-orders }
                """))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("enrich table 'clients' is not a declared topic");
    }
}
