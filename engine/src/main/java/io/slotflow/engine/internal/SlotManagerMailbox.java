package io.slotflow.engine.internal;

import com.typesafe.config.Config;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.PriorityGenerator;
import org.apache.pekko.dispatch.UnboundedStablePriorityMailbox;

/**
 * The slot manager's mailbox: control messages first (a session that ended frees a slot, so it
 * must never wait behind a flood), then ready nodes by class rank (implementation before review),
 * then settlements; FIFO among equals. Whatever this does not recognise — timer messages, journal
 * replies, adapted messages, which arrive wrapped — counts as control.
 */
public final class SlotManagerMailbox extends UnboundedStablePriorityMailbox {

    static final int CONTROL = 0;
    static final int SETTLED = 1_000;

    public SlotManagerMailbox(ActorSystem.Settings settings, Config config) {
        super(new PriorityGenerator() {
            @Override
            public int gen(Object message) {
                return priority(message);
            }
        });
    }

    static int priority(Object message) {
        if (message instanceof SlotManager.NodesReady ready) {
            return 1 + Math.min(Math.max(ready.rank(), 0), SETTLED - 2);
        }
        if (message instanceof SlotManager.Settled) {
            return SETTLED;
        }
        return CONTROL;
    }
}
