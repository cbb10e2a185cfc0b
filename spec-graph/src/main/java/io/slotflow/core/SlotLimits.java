package io.slotflow.core;

import io.slotflow.plan.PlanValidator;
import io.slotflow.policy.ClassTable;
import java.util.Optional;

/** Which K a run may be resized to: what a plan file may say, and no fewer slots than the classes reserve. */
final class SlotLimits {

    private SlotLimits() {
    }

    /** Why {@code slots} is not a K this run can take, if it is not. */
    static Optional<String> problem(int slots, ClassTable classes) {
        if (slots < 1 || slots > PlanValidator.MAX_SLOTS) {
            return Optional.of("slots must be between 1 and " + PlanValidator.MAX_SLOTS + ", got " + slots);
        }
        int reserves = 0;
        for (int c = 0; c < classes.size(); c++) {
            reserves += classes.reserve(c);
        }
        if (slots < reserves) {
            return Optional.of("the classes reserve " + reserves + " slots, more than " + slots);
        }
        return Optional.empty();
    }
}
