package dev.weir.engine.expr;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the everyday part of CEL (field access, comparisons, arithmetic, logic, string
 * functions) straight on record values, as a tree of Java closures built once per expression.
 * CEL's interpreter resolves each call's overload at run time and converts every argument; on a
 * stream of records that costs more than the work the expression asks for.
 *
 * <p>It never decides anything CEL could decide otherwise: whenever a value is not of the plain
 * kind it handles (a missing field, a null operand, an int overflow, mixed int and double
 * equality, a NaN, an index out of range), it throws {@link Defer} and the caller evaluates the
 * expression with CEL, which gives the answer or the error message. An expression that uses
 * anything else (macros, bytes, timestamps, the math or list extensions) is not built at all.
 */
final class DirectProgram {

    /** The direct path leaves this record to CEL. Carries no stack trace: it is control flow. */
    static final class Defer extends RuntimeException {
        static final Defer INSTANCE = new Defer();

        private Defer() {
            super(null, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Node {
        Object eval(Map<String, Object> fields, RecordMeta meta);
    }

    /** Thrown while building: the expression uses something the direct path does not handle. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final double TWO_TO_53 = 9007199254740992.0;

    private final Node root;

    private DirectProgram(Node root) {
        this.root = root;
    }

    /** A direct program for a checked expression, or empty when it uses what only CEL evaluates. */
    static Optional<DirectProgram> of(CelExpr checked) {
        try {
            return Optional.of(new DirectProgram(build(checked)));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /**
     * The value of the expression: null, Long, Double, String or Boolean.
     *
     * @throws Defer when CEL must decide (the result would be an error, or a list or map)
     */
    Object eval(Map<String, Object> fields, RecordMeta meta) {
        Object v = root.eval(fields, meta);
        if (v instanceof Map || v instanceof List) {
            throw Defer.INSTANCE;
        }
        return v;
    }

    private static Node build(CelExpr e) throws Unsupported {
        return switch (e.getKind()) {
            case CONSTANT -> constant(e.constant());
            case IDENT -> ident(e.ident().name());
            case SELECT -> select(build(e.select().operand()), e.select().field(), e.select().testOnly());
            case CALL -> call(e.call());
            case LIST -> list(e.list());
            default -> throw new Unsupported();
        };
    }

    private static Node list(CelExpr.CelList list) throws Unsupported {
        if (!list.optionalIndices().isEmpty()) {
            throw new Unsupported();
        }
        List<Node> elements = new ArrayList<>();
        boolean constant = true;
        for (CelExpr element : list.elements()) {
            elements.add(build(element));
            constant &= element.getKind() == CelExpr.ExprKind.Kind.CONSTANT;
        }
        if (constant) {
            List<Object> values = new ArrayList<>();
            for (Node n : elements) {
                values.add(n.eval(Map.of(), RecordMeta.NONE));
            }
            List<Object> fixed = Collections.unmodifiableList(values);
            return (f, m) -> fixed;
        }
        return (f, m) -> {
            List<Object> values = new ArrayList<>(elements.size());
            for (Node n : elements) {
                values.add(n.eval(f, m));
            }
            return values;
        };
    }

    private static Node constant(CelConstant c) throws Unsupported {
        Object v = switch (c.getKind()) {
            case NULL_VALUE -> null;
            case BOOLEAN_VALUE -> c.booleanValue();
            case INT64_VALUE -> c.int64Value();
            case DOUBLE_VALUE -> c.doubleValue();
            case STRING_VALUE -> c.stringValue();
            default -> throw new Unsupported();
        };
        return (f, m) -> v;
    }

    private static Node ident(String name) {
        if (name.equals(CompiledExpression.RECORD_VAR)) {
            return (f, m) -> f;
        }
        if (name.equals(CompiledExpression.META_VAR)) {
            return (f, m) -> m.asMap();
        }
        return (f, m) -> {
            Object v = f.get(name);
            if (v == null && !f.containsKey(name)) {
                throw Defer.INSTANCE;
            }
            return plain(v);
        };
    }

    private static Node select(Node operand, String field, boolean testOnly) {
        if (testOnly) {
            return (f, m) -> {
                if (operand.eval(f, m) instanceof Map<?, ?> map) {
                    return map.containsKey(field);
                }
                throw Defer.INSTANCE;
            };
        }
        return (f, m) -> {
            if (operand.eval(f, m) instanceof Map<?, ?> map) {
                Object v = map.get(field);
                if (v == null && !map.containsKey(field)) {
                    throw Defer.INSTANCE;
                }
                return plain(v);
            }
            throw Defer.INSTANCE;
        };
    }

    /** A record value as the direct path sees it; kinds CEL converts in its own way are left to CEL. */
    private static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean
                || v instanceof Map || v instanceof List) {
            return v;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        throw Defer.INSTANCE;
    }

    private static Node call(CelExpr.CelCall call) throws Unsupported {
        String fn = call.function();
        List<CelExpr> args = call.args();
        if (call.target().isPresent()) {
            Node target = build(call.target().get());
            return member(fn, target, args);
        }
        return switch (args.size()) {
            case 1 -> unary(fn, build(args.get(0)));
            case 2 -> binary(fn, build(args.get(0)), build(args.get(1)));
            case 3 -> {
                if (!fn.equals("_?_:_")) {
                    throw new Unsupported();
                }
                Node cond = build(args.get(0));
                Node then = build(args.get(1));
                Node otherwise = build(args.get(2));
                yield (f, m) -> bool(cond.eval(f, m)) ? then.eval(f, m) : otherwise.eval(f, m);
            }
            default -> throw new Unsupported();
        };
    }

    private static Node member(String fn, Node target, List<CelExpr> args) throws Unsupported {
        if (args.isEmpty()) {
            return switch (fn) {
                case "size" -> (f, m) -> size(target.eval(f, m));
                case "lowerAscii" -> (f, m) -> lowerAscii(string(target.eval(f, m)));
                case "upperAscii" -> (f, m) -> upperAscii(string(target.eval(f, m)));
                default -> throw new Unsupported();
            };
        }
        Node a = build(args.get(0));
        if (args.size() == 1) {
            return switch (fn) {
                case "startsWith" -> (f, m) -> string(target.eval(f, m)).startsWith(string(a.eval(f, m)));
                case "endsWith" -> (f, m) -> string(target.eval(f, m)).endsWith(string(a.eval(f, m)));
                case "contains" -> (f, m) -> string(target.eval(f, m)).contains(string(a.eval(f, m)));
                case "substring" -> (f, m) -> {
                    String s = string(target.eval(f, m));
                    return substring(s, integer(a.eval(f, m)), s.codePointCount(0, s.length()));
                };
                default -> throw new Unsupported();
            };
        }
        if (args.size() == 2 && fn.equals("substring")) {
            Node b = build(args.get(1));
            return (f, m) -> substring(string(target.eval(f, m)), integer(a.eval(f, m)), integer(b.eval(f, m)));
        }
        throw new Unsupported();
    }

    private static Node unary(String fn, Node a) throws Unsupported {
        return switch (fn) {
            case "!_" -> (f, m) -> !bool(a.eval(f, m));
            case "-_" -> (f, m) -> {
                Object v = a.eval(f, m);
                if (v instanceof Long l && l != Long.MIN_VALUE) {
                    return -l;
                }
                if (v instanceof Double d) {
                    return -d;
                }
                throw Defer.INSTANCE;
            };
            case "size" -> (f, m) -> size(a.eval(f, m));
            case "double" -> (f, m) -> {
                Object v = a.eval(f, m);
                if (v instanceof Long l) {
                    return l.doubleValue();
                }
                if (v instanceof Double) {
                    return v;
                }
                throw Defer.INSTANCE;
            };
            case "int" -> (f, m) -> {
                Object v = a.eval(f, m);
                if (v instanceof Long) {
                    return v;
                }
                if (v instanceof Double d && d > -TWO_TO_53 && d < TWO_TO_53) {
                    return (long) d.doubleValue();
                }
                throw Defer.INSTANCE;
            };
            case "string" -> (f, m) -> {
                Object v = a.eval(f, m);
                if (v instanceof String || v instanceof Long || v instanceof Boolean) {
                    return String.valueOf(v);
                }
                throw Defer.INSTANCE;
            };
            default -> throw new Unsupported();
        };
    }

    private static Node binary(String fn, Node a, Node b) throws Unsupported {
        return switch (fn) {
            case "_&&_" -> (f, m) -> bool(a.eval(f, m)) && bool(b.eval(f, m));
            case "_||_" -> (f, m) -> bool(a.eval(f, m)) || bool(b.eval(f, m));
            case "_==_" -> (f, m) -> equal(a.eval(f, m), b.eval(f, m));
            case "_!=_" -> (f, m) -> !equal(a.eval(f, m), b.eval(f, m));
            case "_<_" -> (f, m) -> compare(a.eval(f, m), b.eval(f, m)) < 0;
            case "_<=_" -> (f, m) -> compare(a.eval(f, m), b.eval(f, m)) <= 0;
            case "_>_" -> (f, m) -> compare(a.eval(f, m), b.eval(f, m)) > 0;
            case "_>=_" -> (f, m) -> compare(a.eval(f, m), b.eval(f, m)) >= 0;
            case "_+_" -> (f, m) -> add(a.eval(f, m), b.eval(f, m));
            case "_-_" -> (f, m) -> subtract(a.eval(f, m), b.eval(f, m));
            case "_*_" -> (f, m) -> multiply(a.eval(f, m), b.eval(f, m));
            case "_/_" -> (f, m) -> divide(a.eval(f, m), b.eval(f, m));
            case "_%_" -> (f, m) -> modulo(a.eval(f, m), b.eval(f, m));
            case "_[_]" -> (f, m) -> index(a.eval(f, m), b.eval(f, m));
            case "@in" -> (f, m) -> in(a.eval(f, m), b.eval(f, m));
            default -> throw new Unsupported();
        };
    }

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw Defer.INSTANCE;
    }

    private static String string(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw Defer.INSTANCE;
    }

    private static long integer(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        throw Defer.INSTANCE;
    }

    private static long size(Object v) {
        if (v instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        throw Defer.INSTANCE;
    }

    /** The strings extension's {@code substring}: indices count code points; out of range is CEL's error. */
    private static String substring(String s, long start, long end) {
        int length = s.codePointCount(0, s.length());
        if (start < 0 || end < start || end > length) {
            throw Defer.INSTANCE;
        }
        if (length == s.length()) {
            return s.substring((int) start, (int) end);
        }
        int from = s.offsetByCodePoints(0, (int) start);
        return s.substring(from, s.offsetByCodePoints(from, (int) (end - start)));
    }

    private static String lowerAscii(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') {
                c[i] += 'a' - 'A';
            }
        }
        return new String(c);
    }

    private static String upperAscii(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'a' && c[i] <= 'z') {
                c[i] -= 'a' - 'A';
            }
        }
        return new String(c);
    }

    /** Equality of two values of one plain kind; anything CEL's heterogeneous equality decides is left to it. */
    private static boolean equal(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            return a.longValue() == b.longValue();
        }
        if (x instanceof String a && y instanceof String b) {
            return a.equals(b);
        }
        if (x instanceof Boolean a && y instanceof Boolean b) {
            return a.booleanValue() == b.booleanValue();
        }
        if (x instanceof Double a && y instanceof Double b && !a.isNaN() && !b.isNaN()) {
            return a.doubleValue() == b.doubleValue();
        }
        if (x == null || y == null) {
            // null equals only null, whatever the other side is (a map, a string, a number).
            return x == y;
        }
        throw Defer.INSTANCE;
    }

    /** Numeric order; ints and doubles compare across kinds, as Weir's CEL options allow. */
    private static int compare(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            return Long.compare(a, b);
        }
        double a = comparable(x);
        double b = comparable(y);
        if (x instanceof Double && y instanceof Double) {
            return a < b ? -1 : a > b ? 1 : 0;
        }
        // An int against a double: CEL orders them as Double.compare does, so -0.0 < 0.
        return Double.compare(a, b);
    }

    private static double comparable(Object v) {
        if (v instanceof Double d && !d.isNaN()) {
            return d;
        }
        if (v instanceof Long l && l > -TWO_TO_53 && l < TWO_TO_53) {
            return l;
        }
        throw Defer.INSTANCE;
    }

    private static Object add(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            long r = a + b;
            if (((a ^ r) & (b ^ r)) < 0) {
                throw Defer.INSTANCE;
            }
            return r;
        }
        if (x instanceof Double a && y instanceof Double b) {
            return a + b;
        }
        if (x instanceof String a && y instanceof String b) {
            return a.concat(b);
        }
        throw Defer.INSTANCE;
    }

    private static Object subtract(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            long r = a - b;
            if (((a ^ b) & (a ^ r)) < 0) {
                throw Defer.INSTANCE;
            }
            return r;
        }
        if (x instanceof Double a && y instanceof Double b) {
            return a - b;
        }
        throw Defer.INSTANCE;
    }

    private static Object multiply(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            long hi = Math.multiplyHigh(a, b);
            long lo = a * b;
            if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
                throw Defer.INSTANCE;
            }
            return lo;
        }
        if (x instanceof Double a && y instanceof Double b) {
            return a * b;
        }
        throw Defer.INSTANCE;
    }

    private static Object divide(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b && b != 0 && !(a == Long.MIN_VALUE && b == -1)) {
            return a / b;
        }
        if (x instanceof Double a && y instanceof Double b && b != 0.0) {
            return a / b;
        }
        throw Defer.INSTANCE;
    }

    private static Object modulo(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b && b != 0 && !(a == Long.MIN_VALUE && b == -1)) {
            return a % b;
        }
        throw Defer.INSTANCE;
    }

    private static Object index(Object container, Object key) {
        if (container instanceof Map<?, ?> map && key instanceof String k) {
            Object v = map.get(k);
            if (v == null && !map.containsKey(k)) {
                throw Defer.INSTANCE;
            }
            return plain(v);
        }
        if (container instanceof List<?> list && key instanceof Long i && i >= 0 && i < list.size()) {
            return plain(list.get(i.intValue()));
        }
        throw Defer.INSTANCE;
    }

    private static boolean in(Object element, Object container) {
        if (container instanceof List<?> list) {
            for (Object x : list) {
                if (equal(element, plain(x))) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map<?, ?> map && element instanceof String k) {
            return map.containsKey(k);
        }
        throw Defer.INSTANCE;
    }
}
