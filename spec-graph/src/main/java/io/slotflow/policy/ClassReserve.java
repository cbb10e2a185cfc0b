package io.slotflow.policy;

import java.util.Optional;

/**
 * A class with ready work keeps its reserve: a node of another class may take a free slot only
 * if enough free slots remain to cover every other class's unmet reserve.
 */
public final class ClassReserve implements DispatchFilter {

    @Override
    public String name() {
        return "class-reserve";
    }

    @Override
    public Optional<WaitReason> objection(QueuedNode node, DecisionContext context) {
        ClassTable classes = context.classes();
        int owed = 0;
        int firstOwed = -1;
        for (int c = 0; c < classes.size(); c++) {
            if (c == node.classIndex() || context.readyLeft(c) == 0) {
                continue;
            }
            int unmet = classes.reserve(c) - context.holding(c);
            if (unmet > 0) {
                owed += unmet;
                if (firstOwed < 0) {
                    firstOwed = c;
                }
            }
        }
        return context.freeSlots() - 1 >= owed ? Optional.empty()
                : Optional.of(new WaitReason.SlotReserved(classes.name(firstOwed)));
    }
}
