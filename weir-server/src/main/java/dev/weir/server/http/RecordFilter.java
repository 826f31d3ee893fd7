package dev.weir.server.http;

import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.EvaluationFailure;
import dev.weir.engine.expr.ExpressionCompiler;
import dev.weir.engine.expr.RecordMeta;
import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Expr;

import java.util.Locale;
import java.util.Optional;

/**
 * Which records a browser shows: those for which a CEL expression over the value's fields (and
 * {@code meta}: key, topic, partition, offset, timestamp) is true, as in a pipeline's filter step,
 * and whose text contains a given string (case-insensitive). A record the expression cannot be
 * evaluated on (a field it lacks) does not match.
 */
final class RecordFilter {

    private final Optional<CompiledExpression> expression;
    private final Optional<String> contains;

    private RecordFilter(Optional<CompiledExpression> expression, Optional<String> contains) {
        this.expression = expression;
        this.contains = contains;
    }

    /** @throws ApiError 400 when the expression does not parse */
    static RecordFilter of(String cel, String contains) {
        Optional<CompiledExpression> compiled = Optional.empty();
        if (cel != null && !cel.isBlank()) {
            try {
                compiled = Optional.of(new ExpressionCompiler().compile(new Expr(cel, new Position("filter", 1, 1))));
            } catch (SpecException e) {
                throw ApiError.badRequest(e.diagnostics().get(0).message());
            }
        }
        Optional<String> text = contains == null || contains.isEmpty() ? Optional.empty()
                : Optional.of(contains.toLowerCase(Locale.ROOT));
        return new RecordFilter(compiled, text);
    }

    boolean isEmpty() {
        return expression.isEmpty() && contains.isEmpty();
    }

    /** @throws ApiError 400 when the expression gives something other than true or false */
    boolean matches(RecordDecoder.Value value, RecordMeta meta) {
        if (contains.isPresent() && !(value.asText() + "\u0000" + meta.key()).toLowerCase(Locale.ROOT).contains(contains.get())) {
            return false;
        }
        if (expression.isEmpty()) {
            return true;
        }
        Object result;
        try {
            result = expression.get().eval(value.asFields(), meta);
        } catch (EvaluationFailure e) {
            return false;
        }
        if (result instanceof Boolean b) {
            return b;
        }
        if (result == null) {
            return false;
        }
        throw ApiError.badRequest("filter '" + expression.get().source().text() + "' must be true or false, was "
                + result.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + result);
    }
}
