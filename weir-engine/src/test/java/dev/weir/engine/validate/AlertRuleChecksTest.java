package dev.weir.engine.validate;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.Position;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** weir validate on alert rules: pipelines they name, and conditions type-checked over the health variables. */
class AlertRuleChecksTest extends ShopProjectFixture {

    @BeforeEach
    void scorePipeline() throws IOException {
        write("pipelines/p.yaml", """
                apiVersion: weir.dev/v1
                kind: Pipeline
                metadata: { name: score-payments }
                spec:
                  source: { topic: transactions }
                  steps:
                    - filter: "amount > 0"
                  sink: { topic: clean }
                  errors: { deadLetterTopic: dlq }
                """);
    }

    private void rule(String spec) throws IOException {
        write("alerts/rule.yaml", """
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: r }
                spec:
                """ + spec.indent(2));
    }

    @Test
    void conditionsOverEveryKindOfVariableAreAccepted() throws IOException {
        write("alerts/rules.yaml", """
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: halved }
                spec: { pipeline: score-payments, condition: "recordsOutPerSecond < 0.5 * baselineOutPerSecond", for: 10m }
                ---
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: silent }
                spec: { condition: "recordsOutPerSecond == 0 && secondsSinceLastOutput > 600" }
                ---
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: lagging }
                spec: { condition: "lagStatus != 'OK' || lag > 10000 || state != 'RUNNING'" }
                ---
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: rates }
                spec: { condition: "deadLettersPerMinute > 10 || filteredPerSecond > recordsInPerSecond / 2.0" }
                """);
        Validation v = validate();
        assertThat(v.errors()).isEmpty();
        assertThat(v.warnings()).isEmpty();
    }

    @Test
    void misspeltVariableIsReportedWhereItStandsWithTheClosestName() throws IOException {
        rule("condition: \"lag > 5 && deadLetterPerMinute > 10\"");
        Diagnostic error = only(validate().errors());
        assertThat(error.position()).isEqualTo(new Position("alerts/rule.yaml", 5, 26));
        assertThat(error.message()).isEqualTo("unknown variable 'deadLetterPerMinute'");
        assertThat(hint(error)).isEqualTo("did you mean 'deadLettersPerMinute'?");
    }

    @Test
    void recordFieldsAreNotHealthVariables() throws IOException {
        rule("condition: \"amount > 0\"");
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("unknown variable 'amount'");
        assertThat(hint(error)).startsWith("variables here: recordsInPerSecond, recordsOutPerSecond");
    }

    @Test
    void conditionThatIsNotTrueOrFalseIsAnError() throws IOException {
        rule("condition: lag * 2");
        Diagnostic error = only(validate().errors());
        assertThat(error.position()).isEqualTo(new Position("alerts/rule.yaml", 5, 14));
        assertThat(error.message()).isEqualTo("condition must give true or false, but 'lag * 2' gives int");
    }

    @Test
    void comparingTheLagStatusWithANumberIsATypeError() throws IOException {
        rule("condition: lagStatus > 2");
        Diagnostic error = only(validate().errors());
        assertThat(error.message()).isEqualTo("type error in 'lagStatus > 2': no '>' for (string, int)");
        assertThat(hint(error)).isEqualTo("lagStatus is string");
    }

    @Test
    void unknownPipelineIsAnErrorWithTheClosestName() throws IOException {
        rule("pipeline: score-payment\ncondition: lag > 100");
        Diagnostic error = only(validate().errors());
        assertThat(error.position()).isEqualTo(new Position("alerts/rule.yaml", 5, 13));
        assertThat(error.message()).isEqualTo("alert rule 'r' judges pipeline 'score-payment', which is not declared");
        assertThat(hint(error)).isEqualTo("did you mean 'score-payments'?");
    }

    @Test
    void syntaxErrorIsReportedAtItsColumn() throws IOException {
        rule("condition: \"lag > > 1\"");
        Diagnostic error = only(validate().errors());
        assertThat(error.position().line()).isEqualTo(5);
        assertThat(error.message()).startsWith("invalid expression 'lag > > 1'");
    }
}
