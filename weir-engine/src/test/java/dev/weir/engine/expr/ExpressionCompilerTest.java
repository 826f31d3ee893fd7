package dev.weir.engine.expr;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.model.Expr;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionCompilerTest {

    private final ExpressionCompiler compiler = new ExpressionCompiler();

    private CompiledExpression compile(String text) {
        return compiler.compile(new Expr(text, new Position("pipelines/p.yaml", 7, 15)));
    }

    @Test
    void comparesDecimalFieldWithIntegerLiteral() {
        assertThat(compile("amount > 0").test(Map.of("amount", 12.5), RecordMeta.NONE)).isTrue();
        assertThat(compile("amount > 0").test(Map.of("amount", -1L), RecordMeta.NONE)).isFalse();
    }

    @Test
    void readsNestedFieldsAndNulls() {
        Map<String, Object> customer = new HashMap<>();
        customer.put("country", "DE");
        customer.put("vip", null);
        Map<String, Object> rec = new HashMap<>();
        rec.put("customer", customer);
        rec.put("country", "FR");
        rec.put("note", null);
        assertThat(compile("customer.country != country").test(rec, RecordMeta.NONE)).isTrue();
        assertThat(compile("customer.vip == null && note == null").test(rec, RecordMeta.NONE)).isTrue();
        assertThat(compile("has(customer.country) && !has(record.missing)").test(rec, RecordMeta.NONE)).isTrue();
    }

    @Test
    void exposesMetaAndWholeRecord() {
        RecordMeta meta = new RecordMeta("k1", "t", 3, 42, 1000);
        assertThat(compile("meta.key + ':' + string(meta.offset)").evalString(Map.of(), meta)).isEqualTo("k1:42");
        assertThat(compile("record['first-name']").evalString(Map.of("first-name", "Ada"), meta)).isEqualTo("Ada");
    }

    @Test
    void buildsMapsAndListsAsPlainValues() {
        Object v = compile("{'a': [1, 2.5, 'x'], 'b': null}").eval(Map.of(), RecordMeta.NONE);
        Map<String, Object> expected = new HashMap<>();
        expected.put("a", List.of(1L, 2.5, "x"));
        expected.put("b", null);
        assertThat(v).isEqualTo(expected);
    }

    @Test
    void missingFieldIsAnEvaluationFailureNamingTheFields() {
        assertThatThrownBy(() -> compile("amount > 0").test(Map.of("amt", 1L), RecordMeta.NONE))
                .isInstanceOf(EvaluationFailure.class)
                .hasMessageContaining("amount > 0")
                .hasMessageContaining("amt");
    }

    @Test
    void missingFieldIsSaidOnce() {
        assertThatThrownBy(() -> compile("amount > 0").test(Map.of("amt", 1L), RecordMeta.NONE))
                .hasMessage("'amount > 0': no field amount in the record (it has: amt)");
    }

    @Test
    void wrongTypeIsAnEvaluationFailure() {
        assertThatThrownBy(() -> compile("amount > 0").test(Map.of("amount", "abc"), RecordMeta.NONE))
                .isInstanceOf(EvaluationFailure.class);
    }

    @Test
    void nonBooleanConditionIsAnEvaluationFailure() {
        assertThatThrownBy(() -> compile("amount").test(Map.of("amount", 3L), RecordMeta.NONE))
                .isInstanceOf(EvaluationFailure.class)
                .hasMessageContaining("must be true or false");
    }

    @Test
    void syntaxErrorPointsIntoTheExpression() {
        assertThatThrownBy(() -> compile("amount > > 3"))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).diagnostics().get(0).position().toString())
                        .startsWith("pipelines/p.yaml:7:"))
                .hasMessageContaining("invalid expression 'amount > > 3'");
    }
}
