package io.slotflow.plan;

import java.util.Collection;

/** "Did you mean …?" for mistyped keys and names: the closest candidate within two edits. */
final class Suggestions {

    private Suggestions() {
    }

    static String closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates.stream().sorted().toList()) {
            int d = distance(typed.toLowerCase(), candidate.toLowerCase());
            // short names are all near each other: only suggest when the typo is small for its length
            int allowed = Math.min(2, Math.max(typed.length(), candidate.length()) / 3);
            if (d <= allowed && d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Levenshtein distance, with the typo of a missing or extra hyphen costing one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
