package dev.weir.engine.health;

import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.ExpressionCompiler;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.spec.alert.HealthVariable;
import dev.weir.spec.model.Expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert rule's condition, compiled once and evaluated on a pipeline's health. It runs on the
 * same CEL runtime as pipeline expressions, so numbers compare across int and double
 * ({@code recordsOutPerSecond == 0}) as {@code weir validate}'s type check allows; that check
 * ({@code dev.weir.engine.validate.AlertRuleChecks}) is what rejects unknown names and
 * non-boolean conditions. Thread-safe.
 */
public final class HealthCondition {

    private final CompiledExpression expression;
    private final List<HealthVariable> named;

    private HealthCondition(CompiledExpression expression, List<HealthVariable> named) {
        this.expression = expression;
        this.named = List.copyOf(named);
    }

    /** Compiles {@code condition}; a syntax error is a {@link dev.weir.spec.SpecException} at its position. */
    public static HealthCondition compile(Expr condition) {
        CompiledExpression compiled = new ExpressionCompiler().compile(condition);
        return new HealthCondition(compiled, namedInOrder(condition.text()));
    }

    public Expr source() {
        return expression.source();
    }

    /** Whether the condition holds; an evaluation error (such as a division by zero) is an {@link EvaluationFailure}. */
    public boolean holds(PipelineHealth health) {
        return expression.test(health.variables(), RecordMeta.NONE);
    }

    /** The variables the condition names, in the order they first appear. */
    public List<HealthVariable> named() {
        return named;
    }

    /** The values of the variables the condition names, e.g. {@code {deadLettersPerMinute: 14.0}}. */
    public Map<String, Object> namedValues(PipelineHealth health) {
        Map<String, Object> m = new LinkedHashMap<>();
        named.forEach(v -> m.put(v.id(), health.value(v)));
        return m;
    }

    /** The value of the first number the condition names: what an alert reports as its value. */
    public Optional<Double> value(PipelineHealth health) {
        return named.stream().filter(v -> v.type() != HealthVariable.Type.STRING).findFirst()
                .map(v -> ((Number) health.value(v)).doubleValue());
    }

    private static List<HealthVariable> namedInOrder(String text) {
        List<Map.Entry<Integer, HealthVariable>> found = new ArrayList<>();
        for (HealthVariable v : HealthVariable.values()) {
            Matcher m = Pattern.compile("(?<![A-Za-z0-9_.])" + v.id() + "(?![A-Za-z0-9_])").matcher(text);
            if (m.find()) {
                found.add(Map.entry(m.start(), v));
            }
        }
        found.sort(Comparator.comparing(Map.Entry::getKey));
        return found.stream().map(Map.Entry::getValue).toList();
    }
}
