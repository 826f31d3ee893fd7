package dev.weir.engine.validate;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.Position;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectValidatorTest extends ShopProjectFixture {

    @Test
    void comparingANumberWithAStringIsATypeErrorAtTheOperator() throws IOException {
        pipeline("""
                - filter: "amount > 'x'"
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.position()).isEqualTo(new Position("pipelines/p.yaml", 7, 23));
        assertThat(error.message()).isEqualTo("type error in 'amount > 'x'': no '>' for (double, string)");
        assertThat(hint(error)).contains("amount is double");
    }

    @Test
    void unknownFieldOfASchemaRecordSuggestsTheClosestField() throws IOException {
        pipeline("""
                - filter: "quantity > 1 && amout > 0"
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.position()).isEqualTo(new Position("pipelines/p.yaml", 7, 32));
        assertThat(error.message()).isEqualTo("unknown field 'amout'");
        assertThat(hint(error)).contains("did you mean 'amount'?");
    }

    @Test
    void fieldDroppedTwoStepsEarlierNamesTheStepThatDroppedIt() throws IOException {
        pipeline("""
                - map: { drop: [card_number] }
                - filter: "amount > 0"
                - validate:
                    rules: [ { name: card, expr: "size(card_number) == 16" } ]
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("field 'card_number' was dropped by step 'map' (pipelines/p.yaml:7:12)");
        assertThat(error.position()).isEqualTo(new Position("pipelines/p.yaml", 10, 44));
    }

    @Test
    void renamedFieldPointsToItsNewName() throws IOException {
        pipeline("""
                - map: { rename: { ts: event_time } }
                - filter: "ts != ''"
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("field 'ts' was renamed to 'event_time' by step 'map' (pipelines/p.yaml:7:12)");
        assertThat(hint(error)).contains("use 'event_time'");
    }

    @Test
    void fieldDroppedFromARecordWithoutSchemaIsStillKnownToBeGone() throws IOException {
        write("topics/raw.yaml", "apiVersion: weir.dev/v1\nkind: Topic\nmetadata: { name: raw }\nspec: {}\n");
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: raw }
                  steps:
                    - map: { drop: [secret] }
                    - filter: "anything > 1 && secret != ''"
                  sink: { topic: clean }
                  errors: { deadLetterTopic: dlq }
                """);
        assertThat(validate().errors()).extracting(Diagnostic::message)
                .containsExactly("field 'secret' was dropped by step 'map' (pipelines/p.yaml:7:12)");
    }

    @Test
    void fieldSetByMapHasTheTypeOfItsExpressionInLaterSteps() throws IOException {
        pipeline("""
                - map: { set: { cents: "int(amount * 100.0)", big: "amount > 1000.0" } }
                - filter: "big && cents > 'x'"
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("type error in 'big && cents > 'x'': no '>' for (int, string)");
        assertThat(hint(error)).contains("cents is int");
    }

    @Test
    void aggregateResultsReplaceTheRecordForLaterSteps() throws IOException {
        pipeline("""
                - aggregate:
                    groupBy: merchant_id
                    window: { tumbling: 1m, grace: 10s }
                    compute: { n: "count()", total: "sum(amount)", biggest: "max(quantity)" }
                - filter: "n > 10 && total > 100.0 && biggest < 5 && window_start != '' && merchant_id != ''"
                - filter: "amount > 0"
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("field 'amount' was replaced by the results of step 'aggregate' "
                + "(pipelines/p.yaml:8:9)");
        assertThat(hint(error)).contains("merchant_id, window_start, window_end, n, total, biggest");
    }

    @Test
    void aggregateColumnsHaveTheirFunctionsTypes() throws IOException {
        pipeline("""
                - aggregate:
                    groupBy: merchant_id
                    compute: { n: "count()", total: "sum(amount)" }
                - map: { set: { label: "n + ' records'" } }
                """);
        assertThat(only(validate().errors()).message()).isEqualTo("type error in 'n + ' records'': no '+' for (int, string)");
    }

    @Test
    void enrichedFieldIsTypedFromTheTablesSchema() throws IOException {
        pipeline("""
                - enrich: { table: customers, key: customer_id, as: customer }
                - filter: "customer != null && customer.country != country"
                - filter: "customer.countyr == 'DE'"
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("unknown field 'countyr' in 'customer'");
        assertThat(hint(error)).contains("did you mean 'country'?");
        assertThat(error.position()).isEqualTo(new Position("pipelines/p.yaml", 9, 25));
    }

    @Test
    void enrichedFieldValuesHaveTheTablesTypes() throws IOException {
        pipeline("""
                - enrich: { table: customers, key: customer_id, as: customer }
                - filter: "customer.country > 3"
                """);
        assertThat(only(validate().errors()).message())
                .isEqualTo("type error in 'customer.country > 3': no '>' for (string, int)");
    }

    @Test
    void numbersCompareAcrossIntAndDoubleAsAtRunTime() throws IOException {
        pipeline("""
                - filter: "amount > 0 && amount == 0 || quantity < 2.5 && quantity != 1.0 && amount in [1, 2] && country != null"
                """);
        assertThat(validate().errors()).isEmpty();
    }

    @Test
    void recordWithoutSchemaAcceptsAnyField() throws IOException {
        write("topics/raw.yaml", "apiVersion: weir.dev/v1\nkind: Topic\nmetadata: { name: raw }\nspec: {}\n");
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: raw, key: user.id }
                  steps:
                    - filter: "size(anything) > 2 && other.nested == 'x'"
                  sink: { topic: clean }
                  errors: { deadLetterTopic: dlq }
                """);
        assertThat(validate().errors()).isEmpty();
    }

    @Test
    void validateTypesNarrowFieldsOfARecordWithoutSchema() throws IOException {
        write("topics/raw.yaml", "apiVersion: weir.dev/v1\nkind: Topic\nmetadata: { name: raw }\nspec: {}\n");
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: raw }
                  steps:
                    - validate: { types: { price: number } }
                    - filter: "price > 'cheap'"
                  sink: { topic: clean }
                  errors: { deadLetterTopic: dlq }
                """);
        assertThat(only(validate().errors()).message()).isEqualTo("type error in 'price > 'cheap'': no '>' for (double, string)");
    }

    @Test
    void maskingAFieldTheRecordDoesNotHaveIsAnError() throws IOException {
        pipeline("""
                - mask: { fields: [card_numbr], method: redact }
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("unknown field 'card_numbr' in step 'mask'");
        assertThat(hint(error)).contains("did you mean 'card_number'?");
    }

    @Test
    void filterMustGiveABoolean() throws IOException {
        pipeline("""
                - filter: "amount * 2.0"
                """);
        assertThat(only(validate().errors()).message())
                .isEqualTo("filter must give true or false, but 'amount * 2.0' gives double");
    }

    @Test
    void joinOtherKeyIsCheckedAgainstTheOtherTopicsRecords() throws IOException {
        pipeline("""
                - join: { topic: customers, key: customer_id, otherKey: custmer_id, within: 5m, as: customer }
                """);
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("unknown field 'custmer_id'");
        assertThat(hint(error)).isEqualTo("did you mean 'customer_id'?");
    }

    @Test
    void sourceTimestampMustBeATime() throws IOException {
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: p }
                spec:
                  source: { topic: transactions, timestamp: "amount > 0" }
                  sink: { topic: clean }
                  errors: { deadLetterTopic: dlq }
                """);
        assertThat(only(validate().errors()).message()).isEqualTo(
                "the source timestamp must give epoch milliseconds or an ISO-8601 string, but 'amount > 0' gives bool");
    }

    @Test
    void whatTheTopologyCompilerFindsIsReportedToo() throws IOException {
        pipeline("""
                - aggregate:
                    groupBy: merchant_id
                    compute: { merchant_id: "count()" }
                """);
        assertThat(only(validate().errors()).message())
                .isEqualTo("compute column 'merchant_id' clashes with the field of that name every result has");
    }

    @Test
    void projectThatDoesNotLoadGivesTheLoadersErrors() throws IOException {
        write("pipelines/p.yaml", "apiVersion: weir.dev/v1\nkind: Pipeline\n  metadata: x\n");
        Validation v = validate();
        assertThat(v.project()).isEmpty();
        assertThat(only(v.errors()).position().file()).isEqualTo("pipelines/p.yaml");
        assertThat(v.errors().get(0).message()).startsWith("YAML syntax error");
    }

    @Test
    void exampleProjectIsValidWithoutWarnings() {
        Validation v = ProjectValidator.validate(Path.of("../examples/fraud-detection"), Map.of());
        assertThat(v.errors()).isEmpty();
        assertThat(v.warnings()).isEmpty();
        assertThat(v.valid(true)).isTrue();
    }
}
