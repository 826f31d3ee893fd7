package dev.weir.engine.step;

import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.engine.metrics.StepMetrics;
import dev.weir.engine.record.Json;
import dev.weir.spec.step.AggregateStep.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the group key and every function argument of an aggregate, before grouping, so the
 * aggregation itself cannot fail. Forwards, keyed by the group key, a compact map of column to
 * argument value (null arguments left out; count_distinct values already as their text), or a
 * dead letter when the key or an argument cannot be computed.
 */
final class AggregateArguments implements Processor<String, Map<String, Object>, String, Object> {

    /** A compute column that takes an argument. */
    record Argument(String column, Function function, CompiledExpression expr) {
    }

    static final String GROUP_BY_RULE = "groupBy";

    private final String step;
    private final CompiledExpression groupBy;
    private final List<Argument> arguments;
    private final StepMetrics metrics;
    private ProcessorContext<String, Object> context;

    AggregateArguments(String step, CompiledExpression groupBy, List<Argument> arguments, StepMetrics metrics) {
        this.step = step;
        this.groupBy = groupBy;
        this.arguments = List.copyOf(arguments);
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Map<String, Object>> record) {
        metrics.countIn();
        Map<String, Object> fields = record.value();
        Optional<RecordMetadata> m = context.recordMetadata();
        RecordMeta meta = RecordMeta.of(context, record.key(), record.timestamp());
        String key;
        try {
            key = groupBy.evalString(fields, meta);
        } catch (EvaluationFailure e) {
            deadLetter(record, GROUP_BY_RULE, e.getMessage());
            return;
        }
        if (key == null) {
            deadLetter(record, GROUP_BY_RULE, "'" + groupBy.source().text() + "' is null; every record needs a group");
            return;
        }
        Map<String, Object> values = new HashMap<>();
        for (Argument a : arguments) {
            Object v;
            try {
                v = a.expr().eval(fields, meta);
            } catch (EvaluationFailure e) {
                deadLetter(record, a.column(), e.getMessage());
                return;
            }
            if (v == null) {
                continue;
            }
            if (a.function() == Function.COUNT_DISTINCT) {
                values.put(a.column(), distinctText(v));
            } else if (isFiniteNumber(v)) {
                values.put(a.column(), v);
            } else {
                deadLetter(record, a.column(), a.function().keyword() + "(" + a.expr().source().text()
                        + ") needs a number, got " + describe(v));
                return;
            }
        }
        context.forward(record.withKey(key).withValue(values));
    }

    private static boolean isFiniteNumber(Object v) {
        return v instanceof Long || v instanceof Double d && Double.isFinite(d);
    }

    /** How count_distinct tells values apart: strings as they are, anything else as JSON text. */
    static String distinctText(Object v) {
        return v instanceof String s ? s : Json.writeString(v);
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v instanceof Double d) {
            return "the non-finite number " + d;
        }
        String kind = v instanceof Boolean ? "the boolean " : v instanceof List ? "the list " : "the object ";
        String text = Json.writeString(v);
        return kind + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private void deadLetter(Record<String, Map<String, Object>> record, String rule, String error) {
        context.forward(record.withValue(DeadLetters.of(context, step, rule, error, Json.write(record.value()))));
    }
}
