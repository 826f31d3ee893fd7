package dev.weir.engine.testing;

import java.util.Arrays;
import java.util.function.BiPredicate;

/**
 * Pairs expected records with actual ones, each actual record used once, as many pairs as
 * possible (a maximum bipartite matching). Taking the first fitting record for each expected one
 * can fail when expected records overlap ({@code {a: 1}} and {@code {a: 1, b: 2}}); this does not.
 */
final class RecordMatching {

    private final boolean[][] fits;
    private final int[] actualToExpected;

    private RecordMatching(boolean[][] fits, int actualCount) {
        this.fits = fits;
        this.actualToExpected = new int[actualCount];
        Arrays.fill(actualToExpected, -1);
    }

    /** For each expected record, the index of its actual record, or -1 when none is left for it. */
    static int[] match(int expectedCount, int actualCount, BiPredicate<Integer, Integer> fits) {
        boolean[][] table = new boolean[expectedCount][actualCount];
        for (int e = 0; e < expectedCount; e++) {
            for (int a = 0; a < actualCount; a++) {
                table[e][a] = fits.test(e, a);
            }
        }
        RecordMatching m = new RecordMatching(table, actualCount);
        for (int e = 0; e < expectedCount; e++) {
            m.augment(e, new boolean[actualCount]);
        }
        int[] out = new int[expectedCount];
        Arrays.fill(out, -1);
        for (int a = 0; a < actualCount; a++) {
            if (m.actualToExpected[a] >= 0) {
                out[m.actualToExpected[a]] = a;
            }
        }
        return out;
    }

    private boolean augment(int expected, boolean[] visited) {
        for (int a = 0; a < actualToExpected.length; a++) {
            if (fits[expected][a] && !visited[a]) {
                visited[a] = true;
                if (actualToExpected[a] < 0 || augment(actualToExpected[a], visited)) {
                    actualToExpected[a] = expected;
                    return true;
                }
            }
        }
        return false;
    }
}
