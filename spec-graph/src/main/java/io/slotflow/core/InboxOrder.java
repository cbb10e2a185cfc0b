package io.slotflow.core;

/**
 * The order in which the slot manager takes its messages (lower first, FIFO among equals): control
 * messages first — a session that ended frees a slot, so it must never wait behind a flood — then
 * ready nodes by class rank, implementation before review, then settlements. The engine's mailbox
 * and the simulator's inbox both sort by it.
 */
public final class InboxOrder {

    public static final int CONTROL = 0;
    public static final int SETTLED = 1_000;
    /** After every ready notice an owner sent before it, whatever their rank. */
    public static final int ANNOUNCED = SETTLED - 1;

    private InboxOrder() {
    }

    /** Where ready nodes of class rank {@code rank} go. */
    public static int ready(int rank) {
        return 1 + Math.min(Math.max(rank, 0), ANNOUNCED - 2);
    }
}
