package io.slotflow.plan;

import java.time.Duration;

/** What a plan gets for every key it leaves out (docs/plan-format.md lists the same values). */
public final class PlanDefaults {

    public static final int SLOTS = 3;
    public static final DispatchMode DISPATCH = DispatchMode.ROLLING;
    public static final Duration ESTIMATE = Duration.ofMinutes(5);
    public static final Duration IMPLEMENTATION_TIMEOUT = Duration.ofHours(2);
    public static final Duration REVIEW_TIMEOUT = Duration.ofMinutes(30);
    public static final int MAX_ATTEMPTS = 2;
    public static final Duration AGING = Duration.ofHours(1);
    public static final Injection INJECTION = Injection.LAZY;
    public static final int BATCH_SIZE = 4;

    private PlanDefaults() {
    }

    /** Rank 0, every slot. */
    public static WorkClass implementation(int slots) {
        return new WorkClass(WorkClass.IMPLEMENTATION, 0, slots, 0, IMPLEMENTATION_TIMEOUT, null, MAX_ATTEMPTS, AGING);
    }

    /** Rank 1, about a third of the slots, at least one, and idle slots beyond that by backfill. */
    public static WorkClass review(int slots) {
        return new WorkClass(WorkClass.REVIEW, 1, reviewQuota(slots), 0, REVIEW_TIMEOUT, null, MAX_ATTEMPTS, AGING,
                Borrow.BACKFILL);
    }

    public static int reviewQuota(int slots) {
        return Math.max(1, slots / 3);
    }
}
