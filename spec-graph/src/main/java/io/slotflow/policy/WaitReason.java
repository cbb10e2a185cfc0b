package io.slotflow.policy;

/** Why the policy left a ready node waiting. Each filter returns one of these, never a bare string. */
public sealed interface WaitReason {

    WaitKind kind();

    /** A short phrase for people, e.g. "footprint conflict with 91:0". */
    String describe();

    /** Every slot is taken. */
    record NoFreeSlot() implements WaitReason {
        public static final NoFreeSlot INSTANCE = new NoFreeSlot();

        @Override
        public WaitKind kind() {
            return WaitKind.NO_FREE_SLOT;
        }

        @Override
        public String describe() {
            return "no free slot";
        }
    }

    /**
     * The node's class already holds its quota of slots, and may not borrow one.
     *
     * @param noLoan why no idle slot was lent to it
     */
    record ClassQuota(String workClass, int quota, LoanRefusal noLoan) implements WaitReason {

        /** A class whose quota is a hard cap. */
        public ClassQuota(String workClass, int quota) {
            this(workClass, quota, LoanRefusal.CLASS_NEVER_BORROWS);
        }

        @Override
        public WaitKind kind() {
            return WaitKind.CLASS_QUOTA;
        }

        @Override
        public String describe() {
            String atQuota = "class " + workClass + " at its quota of " + quota;
            return noLoan == LoanRefusal.CLASS_NEVER_BORROWS ? atQuota : atQuota + ", no slot lent: " + noLoan.phrase();
        }
    }

    /** The remaining free slots are kept for another class that has ready work. */
    record SlotReserved(String forClass) implements WaitReason {
        @Override
        public WaitKind kind() {
            return WaitKind.SLOT_RESERVED;
        }

        @Override
        public String describe() {
            return "free slot reserved for class " + forClass;
        }
    }

    /** A lazy node waits for a slot that would otherwise sit idle. */
    record HeldForIdleSlot(String because) implements WaitReason {
        public static final HeldForIdleSlot UNSETTLED = new HeldForIdleSlot("a finished session's follow-ups are on their way");

        @Override
        public WaitKind kind() {
            return WaitKind.HELD_FOR_IDLE_SLOT;
        }

        @Override
        public String describe() {
            return "held for an idle slot: " + because;
        }
    }

    /** A running (or just started) node holds a conflicting footprint. */
    record FootprintConflict(String withNode) implements WaitReason {
        @Override
        public WaitKind kind() {
            return WaitKind.FOOTPRINT_CONFLICT;
        }

        @Override
        public String describe() {
            return "footprint conflict with " + withNode;
        }
    }

    /** Wave dispatch: a new wave starts only once every slot is empty. */
    record WaveInProgress() implements WaitReason {
        public static final WaveInProgress INSTANCE = new WaveInProgress();

        @Override
        public WaitKind kind() {
            return WaitKind.WAVE_IN_PROGRESS;
        }

        @Override
        public String describe() {
            return "waiting for the wave to end";
        }
    }

    /** Ready, but no decision has looked at it yet. */
    record NotYetDecided() implements WaitReason {
        public static final NotYetDecided INSTANCE = new NotYetDecided();

        @Override
        public WaitKind kind() {
            return WaitKind.NOT_YET_DECIDED;
        }

        @Override
        public String describe() {
            return "not decided yet";
        }
    }

    /** Read from a journal: nothing keeps it waiting, the next decision starts it. */
    record StartsNext() implements WaitReason {
        public static final StartsNext INSTANCE = new StartsNext();

        @Override
        public WaitKind kind() {
            return WaitKind.NOT_YET_DECIDED;
        }

        @Override
        public String describe() {
            return "starts at the next decision";
        }
    }

    /** An operator paused dispatch: nothing starts until it is resumed. */
    record DispatchPaused() implements WaitReason {
        public static final DispatchPaused INSTANCE = new DispatchPaused();

        @Override
        public WaitKind kind() {
            return WaitKind.DISPATCH_PAUSED;
        }

        @Override
        public String describe() {
            return "dispatch is paused";
        }
    }

    /**
     * Another category is further below its target share of slot time and took the slot first.
     *
     * @param usedShare the fraction of the slot time the category has used so far
     * @param targetShare its target fraction
     */
    record CategoryTurn(String category, double usedShare, double targetShare) implements WaitReason {
        @Override
        public WaitKind kind() {
            return WaitKind.CATEGORY_TURN;
        }

        @Override
        public String describe() {
            return "waiting for category " + Categories.label(category) + "'s turn: it used "
                    + Categories.percent(usedShare) + " of the slot time, its target is "
                    + Categories.percent(targetShare);
        }
    }

    /** A session of the node's category runs, and the category runs one at a time ({@code parallel: false}). */
    record CategoryRunsAlone(String category) implements WaitReason {
        @Override
        public WaitKind kind() {
            return WaitKind.CATEGORY_RUNS_ALONE;
        }

        @Override
        public String describe() {
            return "category " + Categories.label(category) + " runs one session at a time";
        }
    }

    /**
     * The node's category had too many NOOP sessions in a row and is offered no slot for a while.
     *
     * @param untilMillis when it may be offered one again
     */
    record CategoryCoolingDown(String category, long untilMillis) implements WaitReason {
        @Override
        public WaitKind kind() {
            return WaitKind.CATEGORY_COOLING_DOWN;
        }

        @Override
        public String describe() {
            return "category " + Categories.label(category) + " cools down after NOOP sessions until "
                    + java.time.Instant.ofEpochMilli(untilMillis);
        }
    }

    /**
     * A counted resource the node uses has too few units left: running sessions (and nodes started in
     * this decision) hold {@code held} of its {@code capacity}.
     */
    record ResourceFull(String resource, int held, int capacity) implements WaitReason {
        @Override
        public WaitKind kind() {
            return WaitKind.RESOURCE_FULL;
        }

        @Override
        public String describe() {
            return "resource " + resource + " full (" + held + "/" + capacity + ")";
        }
    }
}
