package dev.weir.server.lineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.server.observe.LineageGraph;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.model.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The lineage graph of a project: nodes, edges with their roles, and what each node shows. */
class ProjectLineageTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "fraud-detection");

    @TempDir
    Path dir;

    private static LineageGraph graph(Project project) {
        return ProjectLineage.graph(project, new PipelineCompiler().compileAll(project));
    }

    private Project project(String... files) throws IOException {
        Files.writeString(dir.resolve("weir.yaml"), """
                apiVersion: weir.dev/v1
                kind: Project
                metadata: { name: shop }
                spec: { defaults: { partitions: 2 } }
                """);
        for (int i = 0; i < files.length; i += 2) {
            Path file = dir.resolve(files[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, files[i + 1]);
        }
        return ProjectLoader.load(dir, Map.of());
    }

    private static List<String> edges(LineageGraph g) {
        return g.edges().stream().map(e -> e.from() + " -> " + e.to() + " (" + e.role() + ")").toList();
    }

    private static LineageGraph.Node node(LineageGraph g, String id) {
        return g.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void fraudDetectionExampleIsGeneratorsTopicsAndOnePipeline() {
        LineageGraph g = graph(ProjectLoader.load(EXAMPLE, Map.of()));

        assertThat(g.nodes()).extracting(LineageGraph.Node::id).containsExactly(
                "generator:customers", "generator:transactions", "pipeline:score-transactions",
                "topic:customers", "topic:fraud-alerts", "topic:merchant-stats", "topic:transactions",
                "topic:transactions-clean", "topic:transactions-dlq");
        assertThat(g.nodes()).extracting(LineageGraph.Node::kind).containsExactly(
                "generator", "generator", "pipeline", "topic", "topic", "topic", "topic", "topic", "topic");
        assertThat(edges(g)).containsExactly(
                "generator:customers -> topic:customers (generates)",
                "generator:transactions -> topic:transactions (generates)",
                "pipeline:score-transactions -> topic:fraud-alerts (route)",
                "pipeline:score-transactions -> topic:merchant-stats (aggregate)",
                "pipeline:score-transactions -> topic:transactions-clean (sink)",
                "pipeline:score-transactions -> topic:transactions-dlq (dead-letters)",
                "topic:customers -> pipeline:score-transactions (table)",
                "topic:transactions -> pipeline:score-transactions (source)");
    }

    @Test
    void aPipelineShowsItsApplicationGuaranteeDeadLettersAndStepsInOrder() {
        LineageGraph.Node p = node(graph(ProjectLoader.load(EXAMPLE, Map.of())), "pipeline:score-transactions");

        assertThat(p.name()).isEqualTo("score-transactions");
        assertThat(p.details()).containsEntry("applicationId", "weir-fraud-detection-score-transactions")
                .containsEntry("owner", "risk-team")
                .containsEntry("guarantee", "exactly-once")
                .containsEntry("deadLetterTopic", "transactions-dlq");
        assertThat((String) p.details().get("definitionHash")).matches("[0-9a-f]{64}");
        assertThat(p.details().get("steps")).isEqualTo(List.of(
                Map.of("id", "validate", "type", "validate", "summary",
                        "required transaction_id, customer_id, merchant_id, amount, card_number, ts; "
                                + "types of amount, card_number, customer_id; rules positive-amount, known-currency"),
                Map.of("id", "map-1", "type", "map", "summary", "set card_last4"),
                Map.of("id", "mask", "type", "mask", "summary", "hash card_number"),
                Map.of("id", "enrich", "type", "enrich", "summary", "customers by customer_id as customer (left join)"),
                Map.of("id", "map-2", "type", "map", "summary", "set suspicious"),
                Map.of("id", "route", "type", "route", "summary", "suspicious -> fraud-alerts (and on)"),
                Map.of("id", "aggregate", "type", "aggregate", "summary",
                        "by merchant_id per tumbling 1m window (grace 10s), emit final: "
                                + "transactions, total, average, largest, customers -> merchant-stats")));
    }

    @Test
    void topicsShowPartitionsFormatAndSchemaAndGeneratorsTheirRate() {
        LineageGraph g = graph(ProjectLoader.load(EXAMPLE, Map.of()));

        assertThat(node(g, "topic:transactions").details()).isEqualTo(Map.of("declared", true, "partitions", 3,
                "replicationFactor", 1, "format", "json", "compacted", false,
                "schema", Map.of("type", "JSON", "path", "schemas/transactions.schema.json")));
        assertThat(node(g, "topic:customers").details()).containsEntry("compacted", true).containsEntry("partitions", 1);
        assertThat(node(g, "topic:transactions-dlq").details()).containsEntry("owner", "risk-team");
        assertThat(node(g, "generator:transactions").details())
                .isEqualTo(Map.of("topic", "transactions", "rate", 50.0, "key", "customer_id"));
        assertThat(node(g, "generator:customers").details()).containsEntry("count", 200L);
    }

    @Test
    void theSameProjectAlwaysGivesTheSameJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String first = json.writeValueAsString(graph(ProjectLoader.load(EXAMPLE, Map.of())));
        String second = json.writeValueAsString(graph(ProjectLoader.load(EXAMPLE, Map.of())));
        assertThat(first).isEqualTo(second).startsWith("{\"nodes\":[{\"id\":\"generator:customers\",\"kind\":\"generator\","
                + "\"name\":\"customers\",\"details\":{\"topic\":\"customers\",\"rate\":2000.0,\"count\":200,");
    }

    @Test
    void routeBranchesAndTheDefaultAreRouteEdgesAndUndeclaredTopicsTakeTheDefaults() throws IOException {
        Project project = project("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: split }
                spec:
                  source: { topic: orders }
                  steps:
                    - route:
                        - { when: "amount > 100.0", to: big-orders }
                        - { when: "amount < 0.0", to: big-orders }
                        - { when: "country == 'US'", to: us-orders, continue: true }
                        - { default: other-orders }
                  sink: { topic: us-and-small }
                  errors: { deadLetterTopic: orders-rejected }
                """);
        LineageGraph g = graph(project);

        assertThat(edges(g)).containsExactly(
                "pipeline:split -> topic:big-orders (route)",
                "pipeline:split -> topic:orders-rejected (dead-letters)",
                "pipeline:split -> topic:other-orders (route)",
                "pipeline:split -> topic:us-and-small (sink)",
                "pipeline:split -> topic:us-orders (route)",
                "topic:orders -> pipeline:split (source)");
        assertThat(node(g, "topic:big-orders").details())
                .isEqualTo(Map.of("declared", false, "partitions", 2, "replicationFactor", 1));
        assertThat(node(g, "pipeline:split").details().get("steps")).isEqualTo(List.of(Map.of("id", "route",
                "type", "route", "summary", "amount > 100.0 -> big-orders; amount < 0.0 -> big-orders; "
                        + "country == 'US' -> us-orders (and on); otherwise -> other-orders")));
    }

    @Test
    void enrichReadsATableAndJoinReadsTheOtherSideWithDefaultDeadLetters() throws IOException {
        Project project = project("topics/t.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: customers }
                spec: { config: { cleanup.policy: compact } }
                """, "pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: match }
                spec:
                  source: { topic: orders }
                  steps:
                    - enrich: { table: customers, key: customer_id, as: customer, join: inner }
                    - join: { topic: payments, key: order_id, otherKey: ref, within: 5m, as: payment, join: left }
                  sink: { topic: paid-orders }
                  processing: { guarantee: at-least-once }
                """);
        LineageGraph g = graph(project);

        assertThat(edges(g)).containsExactly(
                "pipeline:match -> topic:match-dlq (dead-letters)",
                "pipeline:match -> topic:paid-orders (sink)",
                "topic:customers -> pipeline:match (table)",
                "topic:orders -> pipeline:match (source)",
                "topic:payments -> pipeline:match (join)");
        assertThat(node(g, "pipeline:match").details()).containsEntry("guarantee", "at-least-once")
                .containsEntry("deadLetterTopic", "match-dlq");
        assertThat(node(g, "pipeline:match").details().get("steps")).isEqualTo(List.of(
                Map.of("id", "enrich", "type", "enrich", "summary", "customers by customer_id as customer (inner join)"),
                Map.of("id", "join", "type", "join", "summary", "payments by order_id = ref within 5m as payment (left join)")));
    }

    @Test
    void aTopicInARegistryFormatNamesItsSchemaSubject() throws IOException {
        Project project = project("schemas/order.avsc", """
                {"type": "record", "name": "Order", "fields": [{"name": "id", "type": "string"}]}
                """, "topics/t.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: orders }
                spec: { format: avro, schema: schemas/order.avsc, partitions: 4 }
                """, "pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: keep }
                spec:
                  source: { topic: orders, format: avro }
                  steps: [ { filter: "id != ''" } ]
                  sink: { topic: kept }
                """);
        // Registry formats compile against a registry; the test compiler has one in memory.
        LineageGraph g = ProjectLineage.graph(project, PipelineCompiler.forTests().compileAll(project));

        assertThat(node(g, "topic:orders").details()).containsEntry("format", "avro").containsEntry("partitions", 4)
                .containsEntry("schema", Map.of("type", "AVRO", "path", "schemas/order.avsc", "subject", "orders-value"));
        assertThat(node(g, "pipeline:keep").details().get("steps"))
                .isEqualTo(List.of(Map.of("id", "filter", "type", "filter", "summary", "keep id != ''")));
    }
}
