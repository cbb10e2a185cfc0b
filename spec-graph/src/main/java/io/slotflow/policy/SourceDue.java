package io.slotflow.policy;

import io.slotflow.plan.WorkSource;
import io.slotflow.state.WorkSources;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * When a work source runs: its category has share to spare — it has used less than its target share
 * of the slot time so far (or nothing has run yet), or no node of any category is ready, so a slot
 * would idle — and no ready work; and the source may run (not running, not done, past its retry
 * wait). One rule, pure, with its table test.
 */
public final class SourceDue {

    private SourceDue() {
    }

    /** The sources to run now, in plan order. */
    public static List<WorkSource> due(List<WorkSource> sources, WorkSources book, CategoryUse use,
            Set<String> readyCategories, Instant now) {
        return sources.stream().filter(s -> book.mayRun(s.name(), now))
                .filter(s -> !readyCategories.contains(s.category()))
                .filter(s -> readyCategories.isEmpty() || hasShareToSpare(s.category(), use))
                .toList();
    }

    /** Below its target share of the slot time used so far; any category has share to spare before anything ran. */
    static boolean hasShareToSpare(String category, CategoryUse use) {
        long total = use.usedMillis().values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return true;
        }
        return (double) use.used(category) / total < use.targets().target(category);
    }
}
