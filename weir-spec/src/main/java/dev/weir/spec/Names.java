package dev.weir.spec;

import java.util.Collection;
import java.util.Optional;

/** Finds the valid name closest to a misspelt one, for "did you mean" hints. */
public final class Names {

    private Names() {
    }

    public static Optional<String> closest(String wrong, Collection<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : valid) {
            int d = distance(wrong.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int tolerance = Math.max(2, wrong.length() / 3);
        return bestDistance <= tolerance ? Optional.ofNullable(best) : Optional.empty();
    }

    /** A hint naming the closest choice when one is close, else listing the valid ones. */
    public static String hint(String wrong, Collection<String> valid) {
        return closest(wrong, valid)
                .map(c -> "did you mean '" + c + "'?")
                .orElse("expected one of: " + String.join(", ", valid.stream().sorted().toList()));
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
