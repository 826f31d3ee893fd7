package dev.weir.registry.format;

import java.util.Collection;
import java.util.Optional;

/** The closest valid choice to a misspelled name, for error messages. */
final class Suggestions {

    private Suggestions() {
    }

    /** The choice with the smallest edit distance to {@code given}, if it is close enough to be a typo. */
    static Optional<String> closest(String given, Collection<String> choices) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String choice : choices) {
            int distance = distance(given.toLowerCase(), choice.toLowerCase());
            if (distance < bestDistance) {
                best = choice;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, given.length() / 3);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code " (did you mean X?)"} when there is a close choice, else the empty string. */
    static String didYouMean(String given, Collection<String> choices) {
        return closest(given, choices).map(c -> " (did you mean " + c + "?)").orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
