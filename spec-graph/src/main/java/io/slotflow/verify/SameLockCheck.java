package io.slotflow.verify;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.plan.Plan;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Same-lock violations per category, from the events alone: a session dispatched while another
 * running session holds the same category-scoped lock. A category's lock is a {@code lock:<category>}
 * token either declares in its writes, and, for a category declared {@code parallel: false}, the
 * category itself. Every category of the plan (and every locked name) gets a row, 0 when clean.
 */
final class SameLockCheck {

    private static final String LOCK = "lock:";

    private SameLockCheck() {
    }

    static Map<String, Integer> count(java.util.List<? extends RunEvent> events) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> aloneCategoryOf = new HashMap<>();
        Map<String, Set<String>> locksHeld = new LinkedHashMap<>();
        Plan plan = null;
        for (RunEvent event : events) {
            if (event instanceof PlanAccepted e) {
                plan = e.plan();
                aloneCategoryOf = CategoryAloneCheck.aloneCategories(plan);
                e.plan().categories().forEach(c -> counts.putIfAbsent(c.name(), 0));
            } else if (event instanceof io.slotflow.event.SpecsAdded e && plan != null) {
                plan = plan.withAddedSpecs(e.specs());
                aloneCategoryOf = CategoryAloneCheck.aloneCategories(plan);
            } else if (event instanceof NodeDispatched e) {
                Set<String> locks = new HashSet<>();
                e.footprint().writes().stream().filter(t -> t.startsWith(LOCK))
                        .forEach(t -> locks.add(t.substring(LOCK.length())));
                String alone = aloneCategoryOf.get(e.node());
                if (alone != null) {
                    locks.add(alone);
                }
                for (String lock : locks) {
                    counts.putIfAbsent(lock, 0);
                    long holders = locksHeld.entrySet().stream()
                            .filter(h -> !h.getKey().equals(e.node()) && h.getValue().contains(lock)).count();
                    counts.merge(lock, (int) holders, Integer::sum);
                }
                locksHeld.put(e.node(), locks);
            } else if (event instanceof SessionFinished e) {
                locksHeld.remove(e.node());
            }
        }
        return counts;
    }
}
