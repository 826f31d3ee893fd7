package dev.weir.spec.test;

import dev.weir.spec.Position;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test expects of one dead letter's headers: the {@code pipeline}, {@code step} and
 * {@code rule} exactly, and text the {@code error} message contains. Unlisted headers are not checked.
 */
public record ExpectedDeadLetter(List<HeaderCheck> checks, Position pos) {

    /** The dead-letter fields a test may check, as written in YAML. */
    public static final List<String> FIELDS = List.of("pipeline", "step", "rule", "error");

    /** One header check: {@code field} is one of {@link #FIELDS}; {@code error} matches by containment. */
    public record HeaderCheck(String field, String expected, Position pos) {

        public boolean byContainment() {
            return field.equals("error");
        }
    }

    static ExpectedDeadLetter parse(YNode node) {
        Fields f = Fields.of(node, "expected dead letter");
        List<HeaderCheck> checks = new ArrayList<>();
        for (String field : FIELDS) {
            f.optional(field).ifPresent(n -> checks.add(new HeaderCheck(field, Fields.scalarText(n, field), n.pos())));
        }
        f.finish();
        return new ExpectedDeadLetter(List.copyOf(checks), node.pos());
    }
}
