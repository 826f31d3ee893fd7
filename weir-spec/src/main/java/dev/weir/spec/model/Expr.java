package dev.weir.spec.model;

import dev.weir.spec.Position;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

/**
 * An expression (CEL) as the user wrote it. {@code pos} is where its text starts (inside the
 * quotes of a quoted scalar); {@code inline} says the text stands on that line as written, so a
 * column within it is a column in the file. A {@code |} or {@code >} block is not inline.
 */
public record Expr(String text, Position pos, boolean inline) {

    public Expr(String text, Position pos) {
        this(text, pos, true);
    }

    public static Expr of(YNode n, String key) {
        String text = Fields.scalarText(n, key);
        Position p = n.pos();
        if (n instanceof YNode.YScalar s) {
            if (s.style() == YNode.YScalar.Style.QUOTED) {
                return new Expr(text, new Position(p.file(), p.line(), p.column() + 1), true);
            }
            if (s.style() == YNode.YScalar.Style.BLOCK) {
                return new Expr(text, p, false);
            }
        }
        return new Expr(text, p, true);
    }

    /**
     * Where a place in the text is in the file: line 1-based, column 0-based within that line, as
     * CEL reports them. Exact on the first line of an inline text; elsewhere the expression's own
     * position, since YAML may have moved or folded the other lines.
     */
    public Position at(int line, int column) {
        if (!inline || line > 1 || column < 0 || text.indexOf('\n') >= 0 || pos.line() <= 0) {
            return pos;
        }
        return new Position(pos.file(), pos.line(), pos.column() + column);
    }

    /** The part of this expression from {@code begin} to {@code end}, positioned where it stands. */
    public Expr part(int begin, int end) {
        return new Expr(text.substring(begin, end), at(1, begin), inline);
    }

    @Override
    public String toString() {
        return text;
    }
}
