package dev.weir.spec.alert;

import dev.weir.spec.Diagnostic;
import dev.weir.spec.ProjectLoader;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Alert rules as a user writes them in alerts/*.yaml, read by the project loader. */
class AlertRuleParseTest {

    @TempDir
    Path dir;

    private void project(String alerts) throws IOException {
        Files.writeString(dir.resolve("weir.yaml"), "apiVersion: weir.dev/v1\nkind: Project\nmetadata: { name: shop }\n");
        Files.createDirectories(dir.resolve("alerts"));
        Files.writeString(dir.resolve("alerts/rules.yaml"), alerts);
    }

    private List<Diagnostic> errors(Map<String, String> env) {
        try {
            ProjectLoader.load(dir, env);
        } catch (SpecException e) {
            return e.diagnostics();
        }
        throw new AssertionError("expected the project to be rejected");
    }

    @Test
    void loadsARuleWithEveryFieldAndWhereItsConditionStands() throws IOException {
        project("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: dead-letters-high, owner: risk-team }
                spec:
                  description: More than 10 records a minute are dead-lettered
                  pipeline: score-payments
                  condition: "deadLettersPerMinute > 10"
                  for: 5m
                  severity: critical
                  notify:
                    topic: payment-alerts
                    webhook: ${env:HOOK}
                """);
        Project p = ProjectLoader.load(dir, Map.of("HOOK", "https://hooks.example.com/T000/B000?x=1"));

        AlertRule rule = p.alerts().get(0);
        assertThat(rule.name()).isEqualTo("dead-letters-high");
        assertThat(rule.description()).contains("More than 10 records a minute are dead-lettered");
        assertThat(rule.pipeline().orElseThrow().name()).isEqualTo("score-payments");
        assertThat(rule.pipeline().orElseThrow().pos()).hasToString("alerts/rules.yaml:6:13");
        assertThat(rule.condition().text()).isEqualTo("deadLettersPerMinute > 10");
        assertThat(rule.condition().pos()).as("inside the quotes").hasToString("alerts/rules.yaml:7:15");
        assertThat(rule.holdFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rule.severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(rule.notifyTo().topic()).isEqualTo("payment-alerts");
        assertThat(rule.notifyTo().webhook()).contains(URI.create("https://hooks.example.com/T000/B000?x=1"));
    }

    @Test
    void aShortRuleJudgesEveryPipelineAtOnceWithWarningToTheDefaultTopic() throws IOException {
        project("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: stopped }
                spec: { condition: state != "RUNNING" }
                """);
        AlertRule rule = ProjectLoader.load(dir, Map.of()).alerts().get(0);
        assertThat(rule.pipeline()).isEmpty();
        assertThat(rule.holdFor()).isZero();
        assertThat(rule.severity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(rule.notifyTo().topic()).isEqualTo("_weir_alerts");
        assertThat(rule.notifyTo().webhook()).isEmpty();
    }

    @Test
    void anEmptyWebhookFromAnUnsetVariableMeansNoWebhook() throws IOException {
        project("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: lagging }
                spec:
                  condition: lag > 1000
                  notify: { webhook: "${env:ALERT_WEBHOOK_URL:-}" }
                """);
        assertThat(ProjectLoader.load(dir, Map.of()).alerts().get(0).notifyTo().webhook()).isEmpty();
    }

    @Test
    void misspeltFieldIsReportedWhereItStandsWithTheClosestName() throws IOException {
        project("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: lagging }
                spec:
                  condition: lag > 1000
                  severty: critical
                """);
        List<Diagnostic> errors = errors(Map.of());
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).format()).startsWith("alerts/rules.yaml:6:3: error: unknown field 'severty' in alert rule spec")
                .contains("did you mean 'severity'?");
    }

    @Test
    void unknownSeverityNamesTheClosestOne() throws IOException {
        project("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: lagging }
                spec:
                  condition: lag > 1000
                  severity: critcal
                """);
        assertThat(errors(Map.of()).get(0).format())
                .startsWith("alerts/rules.yaml:6:13: error: 'severity' has no value 'critcal'")
                .contains("did you mean 'critical'?");
    }

    @Test
    void webhookMustBeAnHttpUrlAndTheErrorDoesNotRepeatIt() throws IOException {
        project("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: lagging }
                spec:
                  condition: lag > 1000
                  notify:
                    webhook: ftp://secret-token@hooks.example.com/x
                """);
        Diagnostic error = errors(Map.of()).get(0);
        assertThat(error.format()).startsWith("alerts/rules.yaml:7:14: error: 'webhook' must be an http:// or https:// URL")
                .doesNotContain("secret-token");
    }

    @Test
    void conditionIsRequiredAndForMustBeADuration() throws IOException {
        project("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: no-condition }
                spec:
                  severity: info
                ---
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: bad-for }
                spec:
                  condition: lag > 1000
                  for: five minutes
                """);
        List<String> errors = errors(Map.of()).stream().map(Diagnostic::format).toList();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("alerts/rules.yaml:5:3: error: alert rule spec is missing required field 'condition'");
        assertThat(errors.get(1)).startsWith("alerts/rules.yaml:12:8: error: 'for' is not a duration: 'five minutes'");
    }

    @Test
    void invalidTopicNameIsAnError() throws IOException {
        project("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: lagging }
                spec:
                  condition: lag > 1000
                  notify: { topic: "alerts for ops" }
                """);
        assertThat(errors(Map.of()).get(0).format())
                .startsWith("alerts/rules.yaml:6:20: error: invalid topic name 'alerts for ops'");
    }

    @Test
    void twoRulesOfTheSameNameAreAnError() throws IOException {
        project("""
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: lagging }
                spec: { condition: lag > 1000 }
                ---
                apiVersion: weir.dev/v1
                kind: AlertRule
                metadata: { name: lagging }
                spec: { condition: lag > 5000 }
                """);
        assertThat(errors(Map.of()).get(0).message()).isEqualTo("AlertRule 'lagging' is declared twice");
    }
}
