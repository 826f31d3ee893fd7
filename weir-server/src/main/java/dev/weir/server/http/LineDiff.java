package dev.weir.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts by longest common subsequence: every line of both, in order, marked
 * as kept, removed (only in the first) or added (only in the second). Meant for schemas, which
 * are short; texts are capped so a request cannot ask for quadratic work on huge inputs.
 */
final class LineDiff {

    static final int MAX_LINES = 2_000;

    /** One line of the diff; {@code op} is {@code same}, {@code removed} or {@code added}. */
    record Line(String op, String text) {
    }

    private LineDiff() {
    }

    static List<Line> of(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            throw ApiError.badRequest("texts longer than " + MAX_LINES + " lines are not diffed");
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                out.add(new Line("same", a[i]));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line("removed", a[i++]));
            } else {
                out.add(new Line("added", b[j++]));
            }
        }
        while (i < a.length) {
            out.add(new Line("removed", a[i++]));
        }
        while (j < b.length) {
            out.add(new Line("added", b[j++]));
        }
        return out;
    }
}
