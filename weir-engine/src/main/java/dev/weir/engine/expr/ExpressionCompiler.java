package dev.weir.engine.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Expr;

import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles CEL expressions over records. Every free identifier of an expression is a field of
 * the record, typed {@code dyn} until a schema says more; {@code record} and {@code meta} are
 * reserved. A syntax error is a user's mistake, reported at the expression's position.
 */
public final class ExpressionCompiler {

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .enableTimestampEpoch(true)
            .comprehensionMaxIterations(10_000)
            .build();

    private final CelCompiler parser;
    private final CelRuntime runtime;

    public ExpressionCompiler() {
        this.parser = compilerBuilder().build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
                .addLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS), CelExtensions.lists(),
                        CelExtensions.sets(OPTIONS), CelExtensions.encoders(OPTIONS))
                .build();
    }

    /** Standard macros (has, all, exists, map, filter) and the string, math, list, set and encoder extensions. */
    private static CelCompilerBuilder compilerBuilder() {
        return CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS), CelExtensions.lists(),
                        CelExtensions.sets(OPTIONS), CelExtensions.encoders(OPTIONS), CelExtensions.bindings());
    }

    public CompiledExpression compile(Expr expr) {
        CelValidationResult parsed = parser.parse(expr.text());
        if (parsed.hasError()) {
            throw error(expr, parsed);
        }
        try {
            CelAbstractSyntaxTree unchecked = parsed.getAst();
            CelCompilerBuilder builder = compilerBuilder()
                    .addVar(CompiledExpression.RECORD_VAR, MapType.create(SimpleType.STRING, SimpleType.DYN))
                    .addVar(CompiledExpression.META_VAR, MapType.create(SimpleType.STRING, SimpleType.DYN));
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
            return new CompiledExpression(expr, runtime.createProgram(checked.getAst()), fields);
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
        int col = first.getSourceLocation().getColumn();
        Position pos = expr.pos();
        // The expression usually sits on one line; point into it where CEL found the problem.
        Position at = col >= 0 ? new Position(pos.file(), pos.line(), pos.column() + col) : pos;
        return SpecException.at(at, "invalid expression '" + expr.text() + "': " + first.getMessage(),
                "expressions are CEL: https://cel.dev — fields by name, e.g. amount > 100.0 && country == 'DE'");
    }
}
