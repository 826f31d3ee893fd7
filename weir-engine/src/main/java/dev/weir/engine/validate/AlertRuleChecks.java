package dev.weir.engine.validate;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.weir.spec.Diagnostics;
import dev.weir.spec.Names;
import dev.weir.spec.alert.AlertRule;
import dev.weir.spec.alert.HealthVariable;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;

import java.util.Arrays;
import java.util.List;

/**
 * Checks a project's alert rules: the pipeline a rule names exists, and its condition is a CEL
 * expression over the health variables, each with its type, that gives true or false. A
 * misspelt variable is reported where it stands, with the closest name.
 */
public final class AlertRuleChecks {

    /** The health variables as a closed record: every one is always there, with its type. */
    private static final RecordType HEALTH = RecordType.closed(Arrays.stream(HealthVariable.values())
            .map(v -> new RecordType.Field(v.id(), celType(v.type()), true, java.util.Optional.empty())).toList());

    private AlertRuleChecks() {
    }

    /** Reports every problem of {@code project}'s alert rules to {@code out}. */
    public static void check(Project project, Diagnostics out) {
        ExpressionChecker checker = ExpressionChecker.forVariables();
        List<String> pipelines = project.pipelines().stream().map(Pipeline::name).toList();
        for (AlertRule rule : project.alerts()) {
            rule.pipeline().ifPresentOrElse(ref -> {
                if (!pipelines.contains(ref.name())) {
                    out.error(ref.pos(), "alert rule '" + rule.name() + "' judges pipeline '" + ref.name()
                            + "', which is not declared", pipelines.isEmpty() ? "the project has no pipelines"
                            : Names.hint(ref.name(), pipelines));
                }
            }, () -> {
                if (pipelines.isEmpty()) {
                    out.warning(rule.metadata().pos(), "alert rule '" + rule.name() + "' has no pipeline to judge",
                            "declare a pipeline in pipelines/, or remove the rule");
                }
            });
            checker.check(rule.condition(), HEALTH, ExpressionChecker.Expect.BOOL, "condition", out);
        }
    }

    private static CelType celType(HealthVariable.Type type) {
        return switch (type) {
            case DOUBLE -> SimpleType.DOUBLE;
            case INT -> SimpleType.INT;
            case STRING -> SimpleType.STRING;
        };
    }
}
