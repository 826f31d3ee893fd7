package dev.weir.engine.validate;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.Position;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceChecksTest extends ShopProjectFixture {

    @Test
    void undeclaredTopicSuggestsTheClosestDeclaredOne() throws IOException {
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: transactions }
                  sink: { topic: claen }
                  errors: { deadLetterTopic: dlq }
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("sink topic 'claen' is not declared");
        assertThat(hint(error)).contains("did you mean 'clean'?");
        assertThat(error.position()).isEqualTo(new Position("pipelines/p.yaml", 6, 9));
    }

    @Test
    void pipelinesThatFeedEachOtherAreALoop() throws IOException {
        write("pipelines/loop.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: flag }
                spec:
                  source: { topic: transactions }
                  steps:
                    - route: [ { when: "amount > 1000.0", to: clean } ]
                  errors: { deadLetterTopic: dlq }
                ---
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: replay }
                spec:
                  source: { topic: clean }
                  sink: { topic: transactions }
                  errors: { deadLetterTopic: dlq }
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("pipelines loop: flag -> clean -> replay -> transactions -> flag");
        assertThat(error.position()).isEqualTo(new Position("pipelines/loop.yaml", 5, 11));
    }

    @Test
    void generatorWritingAnUndeclaredTopicIsAnError() throws IOException {
        pipeline("- filter: \"amount > 0\"");
        write("generators/g.yaml", """
                apiVersion: weir.dev/v1
                kind: Generator
                metadata: { name: g }
                spec:
                  topic: transaction
                  fields: { id: { uuid: {} } }
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("generator topic 'transaction' is not declared");
        assertThat(hint(error)).isEqualTo("did you mean 'transactions'?");
    }

    @Test
    void declaredTopicNothingUsesIsAWarning() throws IOException {
        pipeline("- filter: \"amount > 0\"");
        write("topics/old.yaml", "apiVersion: weir.dev/v1\nkind: Topic\nmetadata: { name: old-orders }\nspec: {}\n");
        Validation v = validate();
        assertThat(v.errors()).isEmpty();
        Diagnostic warning = only(v.warnings());
        assertThat(warning.message()).isEqualTo("topic 'old-orders' is declared, but no pipeline or generator reads or writes it");
        assertThat(warning.position()).isEqualTo(new Position("topics/old.yaml", 3, 11));
    }

    @Test
    void undeclaredDeadLetterTopicIsAWarningNotAnError() throws IOException {
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: transactions }
                  sink: { topic: clean }
                """);
        Validation v = validate();
        assertThat(v.errors()).isEmpty();
        assertThat(v.warnings()).extracting(Diagnostic::message).contains(
                "dead-letter topic 'p-dlq' is not declared; it will be created with the project's defaults");
    }

    @Test
    void deadLetterTopicThatNoPipelineReadsNeedsAnOwner() throws IOException {
        pipeline("- filter: \"amount > 0\"");
        write("topics/topics.yaml", Files.readString(dir.resolve("topics/topics.yaml"))
                .replace("metadata: { name: dlq, owner: shop-team }", "metadata: { name: dlq }"));
        Diagnostic warning = only(validate().warnings());
        assertThat(warning.message()).isEqualTo("no pipeline reads dead-letter topic 'dlq', and it has no owner");
        assertThat(warning.position()).isEqualTo(new Position("pipelines/p.yaml", 9, 11));
    }

    @Test
    void deadLetterTopicReadByAPipelineNeedsNoOwner() throws IOException {
        pipeline("- filter: \"amount > 0\"");
        write("topics/topics.yaml", Files.readString(dir.resolve("topics/topics.yaml"))
                .replace("metadata: { name: dlq, owner: shop-team }", "metadata: { name: dlq }"));
        write("pipelines/repair.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: repair }
                spec:
                  source: { topic: dlq, format: string }
                  steps:
                    - filter: "value.startsWith('{')"
                  errors: { deadLetterTopic: repair-dlq }
                """);
        write("topics/repair-dlq.yaml", """
                apiVersion: weir.dev/v1
                kind: Topic
                metadata: { name: repair-dlq, owner: shop-team }
                spec: {}
                """);
        Validation v = validate();
        assertThat(v.errors()).isEmpty();
        assertThat(v.warnings()).isEmpty();
    }

    @Test
    void pipelineReadingItsOwnDeadLetterTopicIsALoop() throws IOException {
        pipeline("- filter: \"amount > 0\"");
        write("pipelines/repair.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: repair }
                spec:
                  source: { topic: dlq, format: string }
                  errors: { deadLetterTopic: dlq }
                """);
        assertThat(only(validate().errors()).message()).isEqualTo("pipelines loop: repair -> dlq -> repair");
    }

    @Test
    void enrichTableThatIsNotCompactedIsAWarning() throws IOException {
        write("topics/topics.yaml", Files.readString(dir.resolve("topics/topics.yaml"))
                .replace("  config: { cleanup.policy: compact }\n", ""));
        pipeline("- enrich: { table: customers, key: customer_id, as: customer }");
        Validation v = validate();
        assertThat(v.errors()).isEmpty();
        Diagnostic warning = only(v.warnings());
        assertThat(warning.message()).startsWith("enrich table 'customers' is not compacted");
        assertThat(hint(warning)).startsWith("set config: { cleanup.policy: compact } on topic 'customers' (topics/topics.yaml:8:11)");
    }

    @Test
    void windowWithoutGraceIsAWarning() throws IOException {
        pipeline("""
                - aggregate:
                    groupBy: merchant_id
                    window: { tumbling: 1m }
                    compute: { n: "count()" }
                """);
        Diagnostic warning = only(validate().warnings());
        assertThat(warning.message()).isEqualTo("step 'aggregate' has a window without grace: a record that arrives "
                + "after its window's end is dropped");
        assertThat(warning.position()).isEqualTo(new Position("pipelines/p.yaml", 8, 9));
    }

    @Test
    void windowWithGraceOfZeroWrittenOutIsADecision() throws IOException {
        pipeline("""
                - aggregate:
                    groupBy: merchant_id
                    window: { tumbling: 1m, grace: 0s }
                    compute: { n: "count()" }
                """);
        assertThat(validate().warnings()).isEmpty();
    }
}
