package dev.weir.engine.step;

import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.ExpressionCompiler;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.spec.step.ValidateStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks required fields, field types and rules, in that order; the first failure dead-letters
 * the record with the check's name as rule: {@code required:FIELD}, {@code type:FIELD} or the
 * rule's name. A rule that cannot be evaluated on a record fails that rule too.
 */
public final class ValidateRecordStep implements RecordStep {

    private final String id;
    private final List<String> required;
    private final Map<String, ValidateStep.FieldType> types;
    private final List<String> ruleNames = new ArrayList<>();
    private final List<CompiledExpression> rules = new ArrayList<>();

    public ValidateRecordStep(ValidateStep spec, ExpressionCompiler compiler) {
        this.id = spec.id();
        this.required = spec.required();
        this.types = spec.types();
        for (ValidateStep.Rule r : spec.rules()) {
            ruleNames.add(r.name());
            rules.add(compiler.compile(r.expr()));
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> record, RecordMeta meta) {
        for (String field : required) {
            if (record.get(field) == null) {
                throw new StepFailure("required:" + field, "required field '" + field + "' is missing or null");
            }
        }
        for (Map.Entry<String, ValidateStep.FieldType> t : types.entrySet()) {
            Object v = record.get(t.getKey());
            if (v != null && !matches(v, t.getValue())) {
                throw new StepFailure("type:" + t.getKey(), "field '" + t.getKey() + "' must be "
                        + t.getValue().name().toLowerCase() + ", was " + jsonType(v) + " " + preview(v));
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            boolean ok;
            try {
                ok = rules.get(i).test(record, meta);
            } catch (EvaluationFailure e) {
                throw new StepFailure(ruleNames.get(i), e.getMessage());
            }
            if (!ok) {
                throw new StepFailure(ruleNames.get(i), "rule '" + ruleNames.get(i) + "' failed: "
                        + rules.get(i).source().text());
            }
        }
        return record;
    }

    static boolean matches(Object v, ValidateStep.FieldType type) {
        return switch (type) {
            case STRING -> v instanceof String;
            case NUMBER -> v instanceof Long || v instanceof Double || v instanceof Integer;
            case INTEGER -> v instanceof Long || v instanceof Integer;
            case BOOLEAN -> v instanceof Boolean;
            case OBJECT -> v instanceof Map;
            case ARRAY -> v instanceof List;
        };
    }

    static String jsonType(Object v) {
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Long || v instanceof Integer) {
            return "integer";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        return v instanceof Map ? "object" : v instanceof List ? "array" : v.getClass().getSimpleName();
    }

    private static String preview(Object v) {
        String s = v instanceof String str ? "\"" + str + "\"" : String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
