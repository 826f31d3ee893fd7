package dev.weir.engine.step;

import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.ExpressionCompiler;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.spec.step.MapStep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sets fields from expressions (all read the incoming record), then renames, then drops. */
public final class MapRecordStep implements RecordStep {

    private final String id;
    private final List<String> setNames = new ArrayList<>();
    private final List<CompiledExpression> setValues = new ArrayList<>();
    private final Map<String, String> rename;
    private final List<String> drop;

    public MapRecordStep(MapStep spec, ExpressionCompiler compiler) {
        this.id = spec.id();
        spec.set().forEach((name, expr) -> {
            setNames.add(name);
            setValues.add(compiler.compile(expr));
        });
        this.rename = spec.rename();
        this.drop = spec.drop();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean changesRecord() {
        return true;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> record, RecordMeta meta) {
        // Every expression is evaluated before the record changes: all read the incoming record,
        // and one that fails leaves the record as it was for the dead-letter topic.
        Object[] values = new Object[setValues.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = setValues.get(i).eval(record, meta);
        }
        Map<String, Object> out = record;
        for (int i = 0; i < values.length; i++) {
            out.put(setNames.get(i), values[i]);
        }
        if (!rename.isEmpty()) {
            Map<String, Object> renamed = new LinkedHashMap<>(out.size() * 2);
            out.forEach((k, v) -> renamed.put(rename.getOrDefault(k, k), v));
            out = renamed;
        }
        for (String d : drop) {
            out.remove(d);
        }
        return out;
    }
}
