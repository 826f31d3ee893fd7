package dev.weir.engine.validate;

import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.weir.engine.validate.ExpressionChecker.Expect;
import dev.weir.engine.validate.RecordType.Field;
import dev.weir.spec.Diagnostic;
import dev.weir.spec.Diagnostics;
import dev.weir.spec.Position;
import dev.weir.spec.model.Expr;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExpressionCheckerTest {

    private static final Position AT = new Position("pipelines/p.yaml", 7, 16);

    private final ExpressionChecker checker = new ExpressionChecker();
    private final Diagnostics out = new Diagnostics();

    private final RecordType order = RecordType.closed(List.of(
            new Field("amount", SimpleType.DOUBLE, true, Optional.empty()),
            Field.of("tags", ListType.create(SimpleType.STRING)),
            Field.of("ts", SimpleType.STRING)));

    private Optional<dev.cel.common.types.CelType> check(String text) {
        return checker.check(new Expr(text, AT), order, Expect.ANY, "set.x", out);
    }

    @Test
    void comprehensionVariablesAreNotFields() {
        assertThat(check("tags.exists(tag, tag == 'gift') && tags.all(amount, size(amount) > 0)"))
                .contains(SimpleType.BOOL);
        assertThat(out.all()).isEmpty();
    }

    @Test
    void fieldsThroughRecordAreCheckedToo() {
        check("has(record.amout)");
        assertThat(out.all()).extracting(Diagnostic::message).containsExactly("unknown field 'amout'");
        assertThat(out.all().get(0).position()).isEqualTo(new Position("pipelines/p.yaml", 7, 27));
    }

    @Test
    void unknownFunctionIsNotTakenForAField() {
        check("amount > 0 && isBig(amount)");
        assertThat(out.all()).extracting(Diagnostic::message)
                .containsExactly("unknown function 'isBig' in 'amount > 0 && isBig(amount)'");
    }

    @Test
    void syntaxErrorPointsIntoTheExpression() {
        check("amount > > 1");
        assertThat(out.all()).hasSize(1);
        assertThat(out.all().get(0).message()).startsWith("invalid expression 'amount > > 1'");
        assertThat(out.all().get(0).position()).isEqualTo(new Position("pipelines/p.yaml", 7, 25));
    }

    @Test
    void errorInABlockScalarIsReportedAtTheBlock() {
        checker.check(new Expr("amount >\n  'x'\n", AT, false), order, Expect.ANY, "filter", out);
        assertThat(out.all()).extracting(Diagnostic::position).containsExactly(AT);
    }

    @Test
    void timestampsLeftInARecordAreStrings() {
        assertThat(check("timestamp(ts)").map(RecordTypes::ofResult)).contains(SimpleType.STRING);
    }

    @Test
    void keyMustBeASingleValue() {
        checker.check(new Expr("tags", AT), order, Expect.KEY, "the dedupe key", out);
        assertThat(out.all()).extracting(Diagnostic::message).containsExactly(
                "the dedupe key must give a single value (a string, number or boolean), but 'tags' gives list(string)");
    }
}
