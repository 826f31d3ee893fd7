package dev.weir.spec.alert;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.ResourceDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.model.Expr;
import dev.weir.spec.model.Metadata;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.time.Duration;
import java.util.Optional;

/**
 * kind: AlertRule — a condition over a pipeline's health (rates, lag, state) that fires when it
 * has held for a while, and resolves when it no longer holds. Without {@code pipeline}, the rule
 * judges each of the project's pipelines on its own.
 *
 * @param holdFor  how long the condition must hold before the alert fires; zero fires at once
 * @param notifyTo where its events go (the YAML field {@code notify})
 */
public record AlertRule(Metadata metadata, Optional<String> description, Optional<PipelineRef> pipeline,
                        Expr condition, Duration holdFor, AlertSeverity severity, AlertNotify notifyTo, Position pos) {

    public static final ResourceDoc DOC = new ResourceDoc("AlertRule", "Alert rule",
            "A condition over a pipeline's health that fires an alert once it has held for a while, and resolves it "
                    + "when it no longer holds. Each change is an event on a compacted topic (and, if given, a "
                    + "webhook); weir alerts shows what fires. See docs/alerts.md.",
            "alerts/*.yaml",
            ValueType.object(
                    FieldDoc.optional("description", ValueType.string(),
                            "What is wrong when the alert fires, in words; the events' message."),
                    FieldDoc.optional("pipeline", ValueType.string(), "every pipeline, each on its own",
                            "The pipeline the rule judges."),
                    FieldDoc.required("condition", ValueType.expression(),
                            "A CEL expression that is true when something is wrong. It may name: "
                                    + String.join(", ", HealthVariable.ids()) + "."),
                    FieldDoc.optional("for", ValueType.duration(), "0s",
                            "How long the condition must hold before the alert fires; 0s fires at once."),
                    FieldDoc.optional("severity", ValueType.enumOf(AlertSeverity.class), "warning",
                            "How urgent the alert is."),
                    FieldDoc.optional("notify", AlertNotify.DOC, "Where the alert's events go.")),
            true,
            """
            apiVersion: weir.dev/v1
            kind: AlertRule
            metadata: { name: dead-letters-high, owner: risk-team }
            spec:
              description: More than 10 records a minute are dead-lettered
              pipeline: score-transactions
              condition: deadLettersPerMinute > 10
              for: 5m
              severity: warning
              notify:
                topic: _weir_alerts
                webhook: ${env:ALERT_WEBHOOK_URL:-}
            """);

    /** The pipeline a rule names, and where. */
    public record PipelineRef(String name, Position pos) {
    }

    public String name() {
        return metadata.name();
    }

    public static AlertRule parse(Metadata metadata, YNode spec) {
        Fields f = Fields.of(spec, "alert rule spec");
        Optional<String> description = f.optionalString("description");
        Optional<PipelineRef> pipeline = f.optional("pipeline")
                .map(n -> new PipelineRef(Fields.string(n, "pipeline"), n.pos()));
        Expr condition = Expr.of(f.required("condition"), "condition");
        Duration holdFor = f.optionalDuration("for").orElse(Duration.ZERO);
        AlertSeverity severity = f.optionalEnum("severity", AlertSeverity.class).orElse(AlertSeverity.WARNING);
        AlertNotify notify = f.optional("notify").map(AlertNotify::parse).orElse(AlertNotify.defaults(spec.pos()));
        f.finish();
        if (holdFor.isNegative()) {
            throw SpecException.at(f.required("for").pos(), "'for' must not be negative", "write 0s to fire at once");
        }
        if (condition.text().isBlank()) {
            throw SpecException.at(condition.pos(), "'condition' is empty",
                    "write what is wrong, e.g. condition: deadLettersPerMinute > 10");
        }
        return new AlertRule(metadata, description, pipeline, condition, holdFor, severity, notify, spec.pos());
    }
}
