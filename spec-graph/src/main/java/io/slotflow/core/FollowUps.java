package io.slotflow.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The follow-ups still open: while any is, more work may become ready, so the run is not quiet
 * (lazy nodes wait, see {@code Snapshot#quiet}). Messages from different actors may overtake each
 * other, so a follow-up may be settled before the message that opens it arrives: it is then
 * remembered as settled and never opens.
 */
final class FollowUps {

    private final Set<FollowUp> open = new HashSet<>();
    private final Set<FollowUp> settledEarly = new HashSet<>();

    void open(FollowUp followUp) {
        if (!settledEarly.remove(followUp)) {
            open.add(followUp);
        }
    }

    /** {@code followUp} was handled, and its receiver sent {@code opened} in turn. */
    void settle(FollowUp followUp, List<FollowUp> opened) {
        if (!open.remove(followUp)) {
            settledEarly.add(followUp);
        }
        opened.forEach(this::open);
    }

    /** Gives up waiting (a safety net for lost messages). */
    void clear() {
        open.clear();
        settledEarly.clear();
    }

    boolean isQuiet() {
        return open.isEmpty();
    }

    int openCount() {
        return open.size();
    }
}
