package dev.weir.engine.expr;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Expr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The direct path must answer exactly as CEL's interpreter does, or leave the record to it.
 * Thousands of generated expressions are evaluated both ways on generated records, edge values
 * included (overflow, NaN, -0.0, astral-plane characters, nulls, missing fields, mixed kinds).
 */
class DirectProgramTest {

    private static final Position AT = new Position("pipelines/p.yaml", 3, 9);
    private final ExpressionCompiler compiler = new ExpressionCompiler();

    private CompiledExpression compile(String text) {
        return compiler.compile(new Expr(text, AT));
    }

    @Test
    void everydayExpressionsRunDirectly() {
        for (String text : List.of("amount > 0.0", "card_number.substring(size(card_number) - 4)",
                "amount > 5000.0 && customer.country != country", "has(customer.vip) ? 'vip' : country.lowerAscii()",
                "merchant_id + ':' + string(count)", "amount * 100.0 / 3.0", "country in ['DE', 'FR']",
                "meta.key == customer_id", "int(amount) % 7 == 0", "record['first-name'].startsWith('A')",
                "amount > 1000.0 && customer != null && customer.country != country")) {
            assertThat(compile(text).isDirect()).as(text).isTrue();
        }
        for (String text : List.of("items.all(i, i > 0)", "b'abc' == bytes(name)", "math.greatest(a, b) > 1",
                "timestamp(ts) > timestamp('2024-01-01T00:00:00Z')", "duration('1h') > duration('1m')")) {
            assertThat(compile(text).isDirect()).as(text).isFalse();
        }
    }

    @Test
    void answersAsCelOnCommonRecords() {
        CompiledExpression last4 = compile("card_number.substring(size(card_number) - 4)");
        Map<String, Object> rec = Map.of("card_number", "4111111111111111", "amount", 12.5);
        assertThat(last4.eval(rec, RecordMeta.NONE)).isEqualTo("1111");
        assertThat(compile("amount > 0").eval(rec, RecordMeta.NONE)).isEqualTo(true);
        assertThat(compile("amount > 100").eval(rec, RecordMeta.NONE)).isEqualTo(false);
    }

    @Test
    void leavesErrorsToCelWithItsMessages() {
        CompiledExpression e = compile("count + 1");
        Map<String, Object> rec = new HashMap<>();
        rec.put("count", Long.MAX_VALUE);
        assertThatFailureMatchesCel(e, rec);
        rec.put("count", "x");
        assertThatFailureMatchesCel(e, rec);
        assertThatFailureMatchesCel(e, Map.of());
    }

    private static void assertThatFailureMatchesCel(CompiledExpression e, Map<String, Object> rec) {
        String viaCel = outcome(() -> e.evalWithCel(rec, RecordMeta.NONE));
        String viaEval = outcome(() -> e.eval(rec, RecordMeta.NONE));
        assertThat(viaCel).startsWith("error: ");
        assertThat(viaEval).isEqualTo(viaCel);
    }

    private static String outcome(java.util.function.Supplier<Object> s) {
        try {
            return "value: " + s.get();
        } catch (EvaluationFailure f) {
            return "error: " + f.getMessage();
        }
    }

    @Test
    void generatedExpressionsAgreeWithCel() {
        Random random = new Random(20261122);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(record(random));
        }
        int compiled = 0;
        int direct = 0;
        int directAnswers = 0;
        int comparisons = 0;
        for (int i = 0; i < 4_000; i++) {
            String text = expression(random, 3);
            CompiledExpression e;
            try {
                e = compile(text);
            } catch (SpecException typeError) {
                continue;
            }
            compiled++;
            if (!e.isDirect()) {
                continue;
            }
            direct++;
            for (Map<String, Object> rec : records) {
                comparisons++;
                Object viaCel;
                try {
                    viaCel = e.evalWithCel(rec, RecordMeta.NONE);
                } catch (EvaluationFailure f) {
                    viaCel = f;
                }
                Object viaEval;
                try {
                    viaEval = e.eval(rec, RecordMeta.NONE);
                } catch (EvaluationFailure f) {
                    viaEval = f;
                }
                if (viaCel instanceof EvaluationFailure fc) {
                    if (!(viaEval instanceof EvaluationFailure fe) || !fe.getMessage().equals(fc.getMessage())) {
                        fail("'%s' on %s: CEL fails with %s, eval gives %s", text, rec, fc.getMessage(), viaEval);
                    }
                } else {
                    if (!Objects.equals(viaCel, viaEval)) {
                        fail("'%s' on %s: CEL gives %s (%s), eval gives %s (%s)", text, rec, viaCel,
                                viaCel == null ? "null" : viaCel.getClass().getSimpleName(), viaEval,
                                viaEval == null ? "null" : viaEval.getClass().getSimpleName());
                    }
                    directAnswers++;
                }
            }
        }
        // The comparison means something only if many expressions compile and take the direct path.
        assertThat(compiled).isGreaterThan(1_500);
        assertThat(direct).isGreaterThan(compiled / 2);
        assertThat(directAnswers).isGreaterThan(comparisons / 10);
    }

    private static final String[] FIELDS = {"i", "j", "d", "e", "s", "t", "b", "n", "o", "l", "z"};
    private static final String[] CONSTANTS = {"0", "1", "-3", "7", "9223372036854775807", "-9223372036854775808",
            "2.5", "0.0", "-0.0", "1e300", "'ab'", "''", "'A😀b'", "true", "false", "null", "9007199254740993"};
    private static final String[][] KINDS = {{"i", "j", "0", "7", "-3", "9223372036854775807"},
            {"d", "e", "2.5", "-0.0", "1e300"}, {"s", "t", "'ab'", "''", "'A😀b'"}, {"b", "true", "false"}};
    private static final String[] BINARY = {"==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "&&", "||", "in"};

    private static String expression(Random r, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return r.nextBoolean() ? FIELDS[r.nextInt(FIELDS.length)] : CONSTANTS[r.nextInt(CONSTANTS.length)];
        }
        String a = expression(r, depth - 1);
        String b = expression(r, depth - 1);
        if (r.nextInt(3) == 0) {
            // Operands of one kind, so that most comparisons and arithmetic reach a value, not an error.
            String[] kind = KINDS[r.nextInt(KINDS.length)];
            a = kind[r.nextInt(kind.length)];
            b = kind[r.nextInt(kind.length)];
        }
        return switch (r.nextInt(16)) {
            case 0 -> "!(" + a + ")";
            case 1 -> "-(" + a + ")";
            case 2 -> "size(" + a + ")";
            case 3 -> "(" + a + ").substring(" + b + ")";
            case 4 -> "(" + a + ").substring(" + b + ", " + expression(r, 0) + ")";
            case 5 -> "(" + a + ")." + new String[]{"startsWith", "endsWith", "contains"}[r.nextInt(3)] + "(" + b + ")";
            case 6 -> "(" + a + ")." + (r.nextBoolean() ? "lowerAscii()" : "upperAscii()");
            case 7 -> new String[]{"int", "double", "string"}[r.nextInt(3)] + "(" + a + ")";
            case 8 -> "(" + a + ") ? (" + b + ") : (" + expression(r, depth - 1) + ")";
            case 9 -> new String[]{"o.x", "o.y", "o['y']", "l[0]", "l[3]", "has(o.x)", "has(o.q)", "o.q"}[r.nextInt(8)];
            default -> "(" + a + ") " + BINARY[r.nextInt(BINARY.length)] + " (" + b + ")";
        };
    }

    private static final Object[] VALUES = {0L, 1L, -1L, 7L, Long.MAX_VALUE, Long.MIN_VALUE, 9007199254740993L,
            0.0, -0.0, 2.5, -7.25, Double.NaN, Double.POSITIVE_INFINITY, 1e300, "", "ab", "ABC def", "ä😀x", "7",
            true, false, null, 3};

    private static Map<String, Object> record(Random r) {
        Map<String, Object> rec = new HashMap<>();
        for (String f : FIELDS) {
            if (r.nextInt(8) == 0) {
                continue;
            }
            Object v = switch (f) {
                case "i", "j" -> r.nextInt(3) == 0 ? VALUES[r.nextInt(VALUES.length)] : (long) r.nextInt(20) - 5;
                case "d", "e" -> r.nextInt(3) == 0 ? VALUES[r.nextInt(VALUES.length)] : r.nextInt(40) / 4.0 - 3;
                case "s", "t" -> r.nextInt(3) == 0 ? VALUES[r.nextInt(VALUES.length)] : "ab".repeat(r.nextInt(3)) + "Xé";
                case "b" -> r.nextInt(4) == 0 ? VALUES[r.nextInt(VALUES.length)] : r.nextBoolean();
                case "o" -> {
                    Map<String, Object> o = new HashMap<>();
                    o.put("x", VALUES[r.nextInt(VALUES.length)]);
                    if (r.nextBoolean()) {
                        o.put("y", "ab");
                    }
                    yield o;
                }
                case "l" -> {
                    List<Object> l = new ArrayList<>();
                    for (int k = r.nextInt(5); k > 0; k--) {
                        l.add(r.nextBoolean() ? (long) r.nextInt(4) : VALUES[r.nextInt(VALUES.length)]);
                    }
                    yield l;
                }
                default -> VALUES[r.nextInt(VALUES.length)];
            };
            rec.put(f, v);
        }
        return rec;
    }
}
