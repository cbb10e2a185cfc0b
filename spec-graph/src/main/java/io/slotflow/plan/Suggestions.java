package io.slotflow.plan;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * "Did you mean …?" for mistyped keys and names: the closest candidate within two edits (ignoring
 * case); among equally close ones, the first in sorted order (at two edits: the first found). Short
 * names are all near each other, so a name of n characters is only matched within
 * {@code min(2, n / 3)} edits.
 *
 * <p>Fast on large plans. Comparing every unknown name with every id by a full edit distance made
 * ten thousand mistyped dependencies among ten thousand specs take minutes. An {@link Index} is
 * built once per set of names and finds every candidate within one edit (and adjacent
 * transpositions) through a table of one-character deletions, without looking at the others; only
 * a name with nothing that close is compared with names of similar length, by an edit distance
 * that stops at two. Both searches are capped, per name and per index: past a cap a name simply
 * gets no suggestion.
 */
final class Suggestions {

    static final int MAX_EDITS = 2;
    /** At most this many full comparisons for one name. */
    static final int MAX_COMPARISONS_PER_NAME = 2_000;
    /** At most this many full comparisons for all the names looked up in one index. */
    static final long MAX_COMPARISONS = 2_000_000;
    /** Of them, at most this many by the search among names of similar length. */
    static final long MAX_SCANNED = 1_000_000;
    /** Names longer than this are neither indexed nor looked up: no id is that long. */
    static final int MAX_LENGTH = 200;
    /** Sets at most this large are simply searched in full. */
    private static final int SMALL = 64;

    private Suggestions() {
    }

    /** The closest of a few candidates (keys of a mapping, a spec's groups). */
    static String closest(String typed, Collection<String> candidates) {
        return new Index(candidates).closest(typed);
    }

    /** The candidates, indexed for many look-ups. Not thread-safe. */
    static final class Index {
        private final String[] names; // sorted
        private final String[] lower;
        private final int[][] byLength; // candidate positions by lowercase length, in sorted order
        private final Map<String, Integer> exact = new HashMap<>();
        /** (39 bits of the hash of a candidate or one of its one-deletions) << 24 | candidate, sorted. */
        private final long[] deletions;
        private final Map<String, String> answers = new HashMap<>();
        private final int[] seen;
        private int stamp;
        private long comparisons;
        private long scanned;

        Index(Collection<String> candidates) {
            names = candidates.stream().distinct().sorted().toArray(String[]::new);
            lower = new String[names.length];
            int longest = 0;
            for (int i = 0; i < names.length; i++) {
                lower[i] = names[i].toLowerCase(Locale.ROOT);
                exact.putIfAbsent(lower[i], i);
                longest = Math.max(longest, Math.min(lower[i].length(), MAX_LENGTH + MAX_EDITS + 1));
            }
            int[] counts = new int[longest + 1];
            for (String l : lower) {
                if (l.length() <= longest) {
                    counts[l.length()]++;
                }
            }
            byLength = new int[longest + 1][];
            for (int n = 0; n <= longest; n++) {
                byLength[n] = new int[counts[n]];
                counts[n] = 0;
            }
            for (int i = 0; i < lower.length; i++) {
                int n = lower[i].length();
                if (n <= longest) {
                    byLength[n][counts[n]++] = i;
                }
            }
            seen = new int[names.length];
            deletions = names.length <= SMALL || names.length >= 1 << 24 ? null : deletionTable();
        }

        private long[] deletionTable() {
            long size = 0;
            for (String l : lower) {
                size += l.length() <= MAX_LENGTH ? l.length() + 1 : 0;
            }
            long[] table = new long[(int) Math.min(size, Integer.MAX_VALUE - 8)];
            int at = 0;
            for (int i = 0; i < lower.length && at < table.length; i++) {
                if (lower[i].length() <= MAX_LENGTH) {
                    for (long h : hashes(lower[i])) {
                        if (at < table.length) {
                            table[at++] = (h >>> 25) << 24 | i;
                        }
                    }
                }
            }
            Arrays.sort(table, 0, at);
            return at == table.length ? table : Arrays.copyOf(table, at);
        }

        /** Full comparisons made so far (for tests: the work stays bounded). */
        long comparisons() {
            return comparisons;
        }

        String closest(String typed) {
            if (typed.length() > MAX_LENGTH) {
                return null;
            }
            return answers.computeIfAbsent(typed, this::search);
        }

        private String search(String typed) {
            String t = typed.toLowerCase(Locale.ROOT);
            Integer same = exact.get(t);
            if (same != null) {
                return names[same];
            }
            stamp++;
            int n = t.length();
            int best = -1;
            int bestDistance = Integer.MAX_VALUE;
            long limit = Math.min(comparisons + MAX_COMPARISONS_PER_NAME, MAX_COMPARISONS);
            if (deletions != null) {
                // every candidate within one edit shares the name itself or one of its one-deletions
                for (long h : hashes(t)) {
                    long key = h >>> 25;
                    for (int at = first(key); at < deletions.length && deletions[at] >>> 24 == key; at++) {
                        int c = (int) (deletions[at] & 0xFFFFFF);
                        if (seen[c] == stamp || comparisons >= limit) {
                            continue;
                        }
                        seen[c] = stamp;
                        int d = compare(t, c);
                        if (d < bestDistance || d == bestDistance && c < best) {
                            best = c;
                            bestDistance = d;
                        }
                    }
                }
                if (best >= 0) {
                    return names[best]; // within one edit, or two found through a shared deletion
                }
            }
            // two edits: names of similar length, within the caps
            limit = Math.min(limit, comparisons + MAX_SCANNED - scanned);
            int k = Math.min(MAX_EDITS, (n + MAX_EDITS) / 3);
            for (int m = Math.max(0, n - k); m <= Math.min(byLength.length - 1, n + k); m++) {
                for (int c : byLength[m]) {
                    if (seen[c] == stamp) {
                        continue;
                    }
                    if (comparisons >= limit) {
                        return best < 0 ? null : names[best];
                    }
                    seen[c] = stamp;
                    scanned++;
                    int d = compare(t, c);
                    if (d < bestDistance || d == bestDistance && c < best) {
                        best = c;
                        bestDistance = d;
                    }
                }
            }
            return best < 0 ? null : names[best];
        }

        /** The distance of a candidate when it is within what its length allows, else MAX_VALUE. */
        private int compare(String t, int c) {
            comparisons++;
            String l = lower[c];
            int allowed = Math.min(MAX_EDITS, Math.max(t.length(), l.length()) / 3);
            int d = distance(t, l, allowed);
            return d <= allowed ? d : Integer.MAX_VALUE;
        }

        private int first(long key) {
            int lo = 0;
            int hi = deletions.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (deletions[mid] >>> 24 < key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** Hashes of a text and of each text made by deleting one of its characters. */
    static long[] hashes(String s) {
        int n = s.length();
        long[] prefix = new long[n + 1];
        long[] power = new long[n + 1];
        power[0] = 1;
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] * BASE + s.charAt(i) + 1;
            power[i + 1] = power[i] * BASE;
        }
        long[] hashes = new long[n + 1];
        hashes[n] = mix(prefix[n], n);
        for (int i = 0; i < n; i++) {
            long suffix = prefix[n] - prefix[i + 1] * power[n - i - 1];
            hashes[i] = mix(prefix[i] * power[n - i - 1] + suffix, n - 1);
        }
        return hashes;
    }

    private static final long BASE = 0x9E3779B97F4A7C15L;

    private static long mix(long h, int length) {
        long z = h + length * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        return distance(a, b, Math.max(a.length(), b.length()));
    }

    /** Levenshtein distance when it is at most {@code max}; otherwise some number above {@code max}. */
    static int distance(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > max) {
            return max + 1;
        }
        int over = max + 1;
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = Math.min(j, over);
        }
        for (int i = 1; i <= n; i++) {
            int from = Math.max(1, i - max);
            int to = Math.min(m, i + max);
            current[0] = Math.min(i, over);
            if (from > 1) {
                current[from - 1] = over;
            }
            int rowMin = current[0] <= max && from == 1 ? current[0] : over;
            for (int j = from; j <= to; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int up = j <= i - 1 + max ? previous[j] : over;
                int v = Math.min(Math.min(current[j - 1] + 1, up + 1), previous[j - 1] + cost);
                current[j] = Math.min(v, over);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (to < m) {
                current[to + 1] = over;
            }
            if (rowMin > max) {
                return over;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[m];
    }
}
