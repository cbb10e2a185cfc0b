package io.slotflow.policy;

import java.util.Map;
import java.util.Objects;

/**
 * What the categories have used, as one decision sees it: the slot time each has taken (finished
 * sessions as they ran, running ones as the larger of their time so far and their estimate), how
 * many sessions of each run, and until when a category is cooling down after NOOP sessions. Folded
 * from journaled events (dispatch and finish times), so a replay decides the same.
 *
 * @param targets the plan's shares and single-session categories
 * @param usedMillis slot time per category
 * @param running running sessions per category
 * @param coolingUntilMillis per category cooling down: when it may be offered a slot again
 */
public record CategoryUse(CategoryTargets targets, Map<String, Long> usedMillis, Map<String, Integer> running,
        Map<String, Long> coolingUntilMillis) {

    /** A plan without categories. */
    public static final CategoryUse NONE = new CategoryUse(CategoryTargets.NONE, Map.of(), Map.of(), Map.of());

    public CategoryUse {
        Objects.requireNonNull(targets, "targets");
        usedMillis = Map.copyOf(usedMillis);
        running = Map.copyOf(running);
        coolingUntilMillis = Map.copyOf(coolingUntilMillis);
    }

    public long used(String category) {
        return usedMillis.getOrDefault(category, 0L);
    }

    public int running(String category) {
        return running.getOrDefault(category, 0);
    }

    /** True when the category may not be offered a slot at {@code nowMillis}. */
    public boolean coolingAt(String category, long nowMillis) {
        return coolingUntilMillis.getOrDefault(category, Long.MIN_VALUE) > nowMillis;
    }

    public long coolingUntil(String category) {
        return coolingUntilMillis.getOrDefault(category, Long.MIN_VALUE);
    }
}
