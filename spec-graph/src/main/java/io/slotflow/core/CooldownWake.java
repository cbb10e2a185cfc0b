package io.slotflow.core;

import io.slotflow.policy.CategoryUse;
import io.slotflow.policy.Decision;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.policy.WaitKind;
import java.time.Instant;
import java.util.Optional;

/**
 * A decision that left ready work waiting for a category's cooldown asks to be woken when the
 * earliest cooldown ends: nothing else may happen by then (no session runs), and the run would stall.
 */
final class CooldownWake {

    private CooldownWake() {
    }

    static Optional<Action> of(CategoryUse categories, ReadyQueue queue, Decision decision, Instant now) {
        boolean cooling = false;
        for (int c = 0; c < queue.classCount() && !cooling; c++) {
            cooling = decision.waitingByKind(c).containsKey(WaitKind.CATEGORY_COOLING_DOWN);
        }
        if (!cooling) {
            return Optional.empty();
        }
        long nowMillis = now.toEpochMilli();
        return categories.coolingUntilMillis().values().stream().filter(until -> until > nowMillis)
                .min(Long::compare).map(until -> new Action.WakeAt(Instant.ofEpochMilli(until)));
    }
}
