package dev.weir.engine.validate;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.weir.engine.expr.CelEnvironment;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.validate.RecordType.Field;
import dev.weir.spec.Diagnostics;
import dev.weir.spec.Names;
import dev.weir.spec.Position;
import dev.weir.spec.model.Expr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Type-checks an expression with the CEL checker against the record type where it runs: each
 * known field is a variable of its type, {@code record} and {@code meta} are JSON maps, and in an
 * open record any other name is a {@code dyn} field, as at run time. Problems are reported at the
 * place in the expression CEL points to.
 */
final class ExpressionChecker {

    /** What a place in a pipeline needs an expression to give. */
    enum Expect {
        ANY(""),
        BOOL("true or false"),
        KEY("a single value (a string, number or boolean)"),
        NUMBER("a number"),
        TIME("epoch milliseconds or an ISO-8601 string");

        final String what;

        Expect(String what) {
            this.what = what;
        }

        boolean accepts(CelType t) {
            CelKind k = t.kind();
            if (k == CelKind.DYN || k == CelKind.ANY || k == CelKind.NULL_TYPE) {
                return true;
            }
            return switch (this) {
                case BOOL -> k == CelKind.BOOL;
                case KEY -> k != CelKind.MAP && k != CelKind.LIST && k != CelKind.STRUCT;
                case NUMBER -> k == CelKind.INT || k == CelKind.UINT || k == CelKind.DOUBLE;
                case TIME -> k == CelKind.INT || k == CelKind.UINT || k == CelKind.DOUBLE || k == CelKind.STRING
                        || k == CelKind.TIMESTAMP;
                case ANY -> true;
            };
        }
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'");
    private static final Pattern NO_OVERLOAD =
            Pattern.compile("found no matching overload for '([^']+)' applied to '\\((.*?)\\)'(?: \\(candidates: .*\\))?");
    private static final Set<String> RESERVED = Set.of(CompiledExpression.RECORD_VAR, CompiledExpression.META_VAR);
    private static final String SYNTAX_HINT =
            "expressions are CEL: https://cel.dev — fields by name, e.g. amount > 100.0 && country == 'DE'";

    /**
     * What the runtime allows on JSON values beyond CEL's static rules: any value compares with
     * null ({@code customer != null}), and int with double ({@code amount == 0}, {@code 1 in [1.0]}),
     * since the runtime compares numbers across the two.
     */
    private static final List<CelFunctionDecl> JSON_VALUE_OPERATORS = List.of(
            equality("_==_", "equals"), equality("_!=_", "not_equals"),
            CelFunctionDecl.newFunctionDeclaration("@in",
                    CelOverloadDecl.newGlobalOverload("weir_in_int_double_list", SimpleType.BOOL, SimpleType.INT,
                            ListType.create(SimpleType.DOUBLE)),
                    CelOverloadDecl.newGlobalOverload("weir_in_double_int_list", SimpleType.BOOL, SimpleType.DOUBLE,
                            ListType.create(SimpleType.INT))));

    private final CelCompiler parser = CelEnvironment.compilerBuilder().build();
    /** Records have {@code record} and {@code meta} beside their fields; an alert rule's variables stand alone. */
    private final boolean recordScope;
    /** What the checked names are, in messages: "field" or "variable". */
    private final String noun;

    ExpressionChecker() {
        this(true, "field");
    }

    private ExpressionChecker(boolean recordScope, String noun) {
        this.recordScope = recordScope;
        this.noun = noun;
    }

    /**
     * A checker for expressions over named variables only, such as an alert rule's condition over
     * a pipeline's health: the closed {@link RecordType} passed to {@link #check} declares them, and
     * there is no {@code record} or {@code meta}.
     */
    static ExpressionChecker forVariables() {
        return new ExpressionChecker(false, "variable");
    }

    private static CelFunctionDecl equality(String function, String id) {
        TypeParamType a = TypeParamType.create("A");
        return CelFunctionDecl.newFunctionDeclaration(function,
                // (null, A) too would overlap with (A, null) for the checker; null goes on the right
                CelOverloadDecl.newGlobalOverload("weir_" + id + "_any_null", SimpleType.BOOL, a, SimpleType.NULL_TYPE),
                CelOverloadDecl.newGlobalOverload("weir_" + id + "_int_double", SimpleType.BOOL, SimpleType.INT, SimpleType.DOUBLE),
                CelOverloadDecl.newGlobalOverload("weir_" + id + "_double_int", SimpleType.BOOL, SimpleType.DOUBLE, SimpleType.INT));
    }

    /**
     * Checks {@code expr} on records of {@code type}; {@code role} names it in messages (e.g.
     * "filter"). Reports problems to {@code out}; returns the type it gives when it checks.
     */
    Optional<CelType> check(Expr expr, RecordType type, Expect expect, String role, Diagnostics out) {
        CelValidationResult parsed = parser.parse(expr.text());
        if (parsed.hasError()) {
            CelIssue first = parsed.getErrors().get(0);
            out.error(at(expr, first.getSourceLocation()), "invalid expression '" + expr.text() + "': "
                    + first.getMessage(), SYNTAX_HINT);
            return Optional.empty();
        }
        try {
            CelAbstractSyntaxTree ast = parsed.getAst();
            Set<String> identifiers = identifiers(ast);
            CelValidationResult checked = checker(type, identifiers).check(ast);
            if (checked.hasError()) {
                Set<String> seen = new LinkedHashSet<>();
                for (CelIssue issue : checked.getErrors()) {
                    if (seen.add(issue.getMessage())) {
                        report(issue, expr, type, identifiers, out);
                    }
                }
                return Optional.empty();
            }
            CelAbstractSyntaxTree checkedAst = checked.getAst();
            if (!selectedFieldsExist(expr, checkedAst, type, out)) {
                return Optional.empty();
            }
            CelType result = checkedAst.getResultType();
            if (!expect.accepts(result)) {
                out.error(expr.pos(), role + " must give " + expect.what + ", but '" + expr.text() + "' gives "
                        + RecordType.typeName(result), typesHint(identifiers, type).orElse(null));
                return Optional.empty();
            }
            return Optional.of(result);
        } catch (CelValidationException e) {
            throw new IllegalStateException("CEL result without errors has no AST: " + expr.text(), e);
        }
    }

    private CelCompiler checker(RecordType type, Set<String> identifiers) {
        CelCompilerBuilder b = CelEnvironment.compilerBuilder().addFunctionDeclarations(JSON_VALUE_OPERATORS);
        if (recordScope) {
            b.addVar(CompiledExpression.RECORD_VAR, CelEnvironment.JSON_OBJECT)
                    .addVar(CompiledExpression.META_VAR, CelEnvironment.JSON_OBJECT);
        }
        for (Field f : type.fields()) {
            if (IDENTIFIER.matcher(f.name()).matches() && (!recordScope || !RESERVED.contains(f.name()))) {
                b.addVar(f.name(), f.type());
            }
        }
        if (!type.isClosed()) {
            for (String name : identifiers) {
                if (type.field(name).isEmpty() && type.removal(name).isEmpty() && !RESERVED.contains(name)) {
                    b.addVar(name, SimpleType.DYN); // any field may be there, as at run time
                }
            }
        }
        return b.build();
    }

    private void report(CelIssue issue, Expr expr, RecordType type, Set<String> identifiers, Diagnostics out) {
        Position at = at(expr, issue.getSourceLocation());
        String message = issue.getMessage();
        Matcher undeclared = UNDECLARED.matcher(message);
        if (undeclared.find()) {
            String name = undeclared.group(1);
            if (!identifiers.contains(name)) {
                out.error(at, "unknown function '" + name + "' in '" + expr.text() + "'",
                        "functions are CEL's: https://cel.dev, with Weir's extensions listed in docs/pipelines.md");
                return;
            }
            reportMissingField(at, name, type, out);
            return;
        }
        Matcher overload = NO_OVERLOAD.matcher(message);
        String problem = overload.find()
                ? "no '" + operator(overload.group(1)) + "' for (" + overload.group(2) + ")"
                : message.replaceAll(" \\(candidates: .*\\)", "");
        out.error(at, "type error in '" + expr.text() + "': " + problem, typesHint(identifiers, type).orElse(null));
    }

    private void reportMissingField(Position at, String name, RecordType type, Diagnostics out) {
        Optional<RecordType.Removal> removal = type.removal(name);
        if (removal.isPresent()) {
            out.error(at, noun + " '" + name + "' was " + removal.get().how(), removal.get().hint().orElse(null));
        } else {
            out.error(at, "unknown " + noun + " '" + name + "'", fieldHint(name, type));
        }
    }

    /** Reports {@code a.b} where {@code a} is an object whose fields are known and have no {@code b}. */
    private boolean selectedFieldsExist(Expr expr, CelAbstractSyntaxTree ast, RecordType type, Diagnostics out) {
        boolean ok = true;
        for (CelNavigableExpr node : CelNavigableAst.fromAst(ast).getRoot().allNodes().toList()) {
            if (node.getKind() != CelExpr.ExprKind.Kind.SELECT) {
                continue;
            }
            String field = node.expr().select().field();
            CelNavigableExpr operand = node.children().findFirst().orElseThrow();
            Optional<RecordType> shape = shapeOf(operand, type);
            if (shape.isEmpty() || !shape.get().isClosed() || shape.get().field(field).isPresent()) {
                continue;
            }
            ok = false;
            Position at = fieldPosition(expr, ast, node.id(), field);
            if (shape.get() == type) {
                reportMissingField(at, field, type, out); // record.x
            } else {
                out.error(at, "unknown field '" + field + "' in '" + path(operand) + "'", fieldHint(field, shape.get()));
            }
        }
        return ok;
    }

    /** The known fields of the object an expression denotes: a field with a shape, or {@code record}. */
    private Optional<RecordType> shapeOf(CelNavigableExpr node, RecordType type) {
        CelExpr e = node.expr();
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            String name = e.ident().name();
            if (isLocal(node, name)) {
                return Optional.empty();
            }
            if (recordScope && name.equals(CompiledExpression.RECORD_VAR)) {
                return Optional.of(type);
            }
            return type.field(name).flatMap(Field::shape);
        }
        if (e.getKind() == CelExpr.ExprKind.Kind.SELECT && !e.select().testOnly()) {
            return node.children().findFirst().flatMap(op -> shapeOf(op, type))
                    .flatMap(s -> s.field(e.select().field())).flatMap(Field::shape);
        }
        return Optional.empty();
    }

    /** Whether {@code name} at {@code node} is a comprehension's variable ({@code exists(x, ...)}), not a field. */
    private static boolean isLocal(CelNavigableExpr node, String name) {
        CelNavigableExpr child = node;
        Optional<CelNavigableExpr> parent = node.parent();
        while (parent.isPresent()) {
            CelExpr p = parent.get().expr();
            if (p.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
                CelExpr.CelComprehension c = p.comprehension();
                boolean bound = name.equals(c.iterVar()) || name.equals(c.iterVar2()) || name.equals(c.accuVar());
                if (bound && child.id() != c.iterRange().id() && child.id() != c.accuInit().id()) {
                    return true;
                }
            }
            child = parent.get();
            parent = child.parent();
        }
        return false;
    }

    private static String path(CelNavigableExpr node) {
        CelExpr e = node.expr();
        if (e.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            return node.children().findFirst().map(ExpressionChecker::path).orElse("") + "." + e.select().field();
        }
        return e.getKind() == CelExpr.ExprKind.Kind.IDENT ? e.ident().name() : "...";
    }

    private static Set<String> identifiers(CelAbstractSyntaxTree ast) {
        return CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.IDENT)
                .map(n -> n.expr().ident().name())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Where {@code .field} of a select node stands: CEL places the node at its dot, or for
     * {@code has(a.b)} at the argument, so the name is looked for from there.
     */
    private static Position fieldPosition(Expr expr, CelAbstractSyntaxTree ast, long id, String field) {
        Integer offset = ast.getSource().getPositionsMap().get(id);
        if (offset == null || expr.text().indexOf('\n') >= 0) {
            return expr.pos();
        }
        int dot = expr.text().indexOf("." + field, offset);
        return expr.at(1, dot >= 0 ? dot + 1 : offset);
    }

    private static Position at(Expr expr, CelSourceLocation location) {
        return expr.at(location.getLine(), location.getColumn());
    }

    private String fieldHint(String name, RecordType type) {
        return Names.closest(name, type.fieldNames()).map(c -> "did you mean '" + c + "'?")
                .orElse(type.fieldNames().isEmpty() ? "records here have no fields"
                        : noun + "s here: " + String.join(", ", type.fieldNames()));
    }

    /** The types of the fields an expression names, e.g. "amount is double", to explain a type error. */
    private static Optional<String> typesHint(Set<String> identifiers, RecordType type) {
        List<String> known = identifiers.stream().flatMap(n -> type.field(n).stream())
                .map(f -> f.name() + " is " + RecordType.typeName(f.type())).toList();
        return known.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", known));
    }

    private static String operator(String function) {
        return switch (function) {
            case "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "_+_", "_-_", "_*_", "_/_", "_%_", "_&&_", "_||_" ->
                    function.substring(1, function.length() - 1);
            case "!_" -> "!";
            case "-_" -> "-";
            case "_[_]" -> "[]";
            case "_?_:_" -> "? :";
            case "@in" -> "in";
            default -> function;
        };
    }
}
