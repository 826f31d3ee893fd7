package dev.weir.engine.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Expr;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles CEL expressions over records. Every free identifier of an expression is a field of
 * the record, typed {@code dyn} until a schema says more; {@code record} and {@code meta} are
 * reserved. A syntax error is a user's mistake, reported at the expression's position.
 */
public final class ExpressionCompiler {

    private final CelCompiler parser;
    private final CelRuntime runtime;
    /**
     * Whether expressions are evaluated directly where they can be ({@link DirectProgram}); the
     * system property {@code weir.expressions.direct=false} leaves every record to CEL's interpreter.
     */
    private final boolean direct;

    public ExpressionCompiler() {
        this.parser = CelEnvironment.compilerBuilder().build();
        this.runtime = CelEnvironment.runtime();
        this.direct = !"false".equals(System.getProperty("weir.expressions.direct"));
    }

    public CompiledExpression compile(Expr expr) {
        CelValidationResult parsed = parser.parse(expr.text());
        if (parsed.hasError()) {
            throw error(expr, parsed);
        }
        try {
            CelAbstractSyntaxTree unchecked = parsed.getAst();
            CelCompilerBuilder builder = CelEnvironment.compilerBuilder()
                    .addVar(CompiledExpression.RECORD_VAR, CelEnvironment.JSON_OBJECT)
                    .addVar(CompiledExpression.META_VAR, CelEnvironment.JSON_OBJECT);
            Set<String> fields = freeIdentifiers(unchecked);
            for (String name : fields) {
                if (!name.equals(CompiledExpression.RECORD_VAR) && !name.equals(CompiledExpression.META_VAR)) {
                    builder.addVar(name, SimpleType.DYN);
                }
            }
            CelValidationResult checked = builder.build().check(unchecked);
            if (checked.hasError()) {
                throw error(expr, checked);
            }
            CelAbstractSyntaxTree ast = checked.getAst();
            return new CompiledExpression(expr, runtime.createProgram(ast), direct ? DirectProgram.of(ast.getExpr()) : Optional.empty(), fields);
        } catch (CelValidationException | CelEvaluationException e) {
            throw SpecException.at(expr.pos(), "invalid expression '" + expr.text() + "': " + e.getMessage());
        }
    }

    static Set<String> freeIdentifiers(CelAbstractSyntaxTree ast) {
        Set<String> names = new TreeSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.IDENT)
                .forEach(n -> names.add(n.expr().ident().name()));
        return names;
    }

    private static SpecException error(Expr expr, CelValidationResult result) {
        CelIssue first = result.getErrors().get(0);
        Position at = expr.at(first.getSourceLocation().getLine(), first.getSourceLocation().getColumn());
        return SpecException.at(at, "invalid expression '" + expr.text() + "': " + first.getMessage(),
                "expressions are CEL: https://cel.dev — fields by name, e.g. amount > 100.0 && country == 'DE'");
    }
}
