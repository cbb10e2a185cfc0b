package io.slotflow.graph;

import io.slotflow.footprint.Footprint;
import java.util.HashMap;
import java.util.Map;

/**
 * The work one footprint token serialises, a lower bound on any schedule's makespan: the nodes
 * that write a token never run together, nor beside one that reads it, so they take the sum of
 * their durations plus the longest reader's. A node without a footprint runs alone: it counts as
 * a writer of every token, and beside the longest other node.
 */
final class TokenWork {

    private final Map<String, Long> written = new HashMap<>();
    private final Map<String, Long> longestRead = new HashMap<>();
    private long alone;
    private long longestOther;

    void add(Footprint footprint, long millis) {
        if (footprint.isCatchAll()) {
            alone += millis;
            return;
        }
        longestOther = Math.max(longestOther, millis);
        footprint.writes().forEach(t -> written.merge(t, millis, Long::sum));
        footprint.reads().stream().filter(t -> !footprint.writes().contains(t))
                .forEach(t -> longestRead.merge(t, millis, Math::max));
    }

    /** The longest time one token keeps its nodes apart. */
    long longestMillis() {
        long longest = alone == 0 ? 0 : alone + longestOther;
        for (Map.Entry<String, Long> token : written.entrySet()) {
            longest = Math.max(longest, alone + token.getValue() + longestRead.getOrDefault(token.getKey(), 0L));
        }
        return longest;
    }
}
