package dev.weir.engine.expr;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import dev.weir.spec.model.Expr;

import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.cel.runtime.CelUnknownSet;
import java.util.Optional;

/** A checked CEL program, ready to evaluate on records. Thread-safe. */
public final class CompiledExpression {

    /** The whole record, for fields whose names are not identifiers: {@code record["first-name"]}. */
    public static final String RECORD_VAR = "record";
    /** The record's key, topic, partition, offset and timestamp. */
    public static final String META_VAR = "meta";

    private final Expr source;
    private final CelRuntime.Program program;
    /** The same expression evaluated directly on record values, when it stays within what that handles. */
    private final Optional<DirectProgram> direct;

    private final Set<String> identifiers;

    CompiledExpression(Expr source, CelRuntime.Program program, Optional<DirectProgram> direct, Set<String> identifiers) {
        this.source = source;
        this.program = program;
        this.direct = direct;
        this.identifiers = Set.copyOf(identifiers);
    }

    /** The names the expression refers to: record fields, and the reserved {@code record} and {@code meta}. */
    public Set<String> identifiers() {
        return identifiers;
    }

    /** True when records are evaluated directly, CEL's interpreter being kept for errors and unusual values. */
    boolean isDirect() {
        return direct.isPresent();
    }

    public Expr source() {
        return source;
    }

    /** Evaluates on a record; the result is a plain JSON-shaped value (null, Long, Double, String, Boolean, List, Map). */
    public Object eval(Map<String, Object> fields, RecordMeta meta) {
        if (direct.isPresent()) {
            try {
                return direct.get().eval(fields, meta);
            } catch (DirectProgram.Defer deferred) {
                // An error or an unusual value: CEL's interpreter decides, and words the error.
            }
        }
        return evalWithCel(fields, meta);
    }

    /** Evaluates with CEL's interpreter alone; what {@link #eval} answers whenever the direct path defers. */
    Object evalWithCel(Map<String, Object> fields, RecordMeta meta) {
        CelVariableResolver resolver = name -> {
            if (fields.containsKey(name)) {
                return Optional.of(CelValues.toCel(fields.get(name)));
            }
            if (RECORD_VAR.equals(name)) {
                return Optional.of(CelValues.toCel(fields));
            }
            if (META_VAR.equals(name)) {
                return Optional.of(CelValues.toCel(meta.asMap()));
            }
            return Optional.empty();
        };
        try {
            Object result = program.eval(resolver);
            if (result instanceof CelUnknownSet) {
                throw new EvaluationFailure("'" + source.text() + "': " + missingFields(fields));
            }
            return CelValues.fromCel(result);
        } catch (CelEvaluationException e) {
            throw new EvaluationFailure("'" + source.text() + "': " + clean(e.getMessage(), fields));
        } catch (EvaluationFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EvaluationFailure("'" + source.text() + "': " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public boolean test(Map<String, Object> fields, RecordMeta meta) {
        Object v = eval(fields, meta);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new EvaluationFailure("'" + source.text() + "' must be true or false, was " + describe(v));
    }

    /** Evaluates to text, e.g. for keys: strings as they are, numbers and booleans as written, null stays null. */
    public String evalString(Map<String, Object> fields, RecordMeta meta) {
        Object v = eval(fields, meta);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof java.util.List) {
            throw new EvaluationFailure("'" + source.text() + "' must be a single value, was " + describe(v));
        }
        return String.valueOf(v);
    }

    private String missingFields(Map<String, Object> fields) {
        List<String> missing = identifiers.stream()
                .filter(n -> !fields.containsKey(n) && !n.equals(RECORD_VAR) && !n.equals(META_VAR))
                .sorted().toList();
        return "no field " + String.join(", ", missing) + " in the record (it has: " + String.join(", ", fields.keySet()) + ")";
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        return v.getClass().getSimpleName().toLowerCase() + " " + v;
    }

    private static String clean(String message, Map<String, Object> fields) {
        if (message == null) {
            return "evaluation failed";
        }
        String m = message.replaceFirst("^evaluation error( at [^:]+)?: ", "");
        if (m.startsWith("No value with name") || m.contains("undeclared reference")) {
            return m + " (the record has fields: " + String.join(", ", fields.keySet()) + ")";
        }
        return m;
    }
}
