package dev.weir.engine.step;

import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.ExpressionCompiler;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.spec.step.FilterStep;

import java.util.Map;

/** Keeps a record when the expression is true. */
public final class FilterRecordStep implements RecordStep {

    private final String id;
    private final CompiledExpression condition;

    public FilterRecordStep(FilterStep spec, ExpressionCompiler compiler) {
        this.id = spec.id();
        this.condition = compiler.compile(spec.expr());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> record, RecordMeta meta) {
        return condition.test(record, meta) ? record : null;
    }
}
