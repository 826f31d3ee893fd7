package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

/** An expression (CEL) as the user wrote it, with where it was written. */
public record Expr(String text, Position pos) {

    public static Expr of(YNode n, String key) {
        return new Expr(Fields.scalarText(n, key), n.pos());
    }

    @Override
    public String toString() {
        return text;
    }
}
