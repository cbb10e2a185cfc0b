package io.slotflow.engine.internal;

import com.typesafe.config.Config;
import io.slotflow.core.InboxOrder;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.PriorityGenerator;
import org.apache.pekko.dispatch.UnboundedStablePriorityMailbox;

/**
 * The slot manager's mailbox, in {@link InboxOrder}: control messages first (a session that ended frees a slot, so it
 * must never wait behind a flood), then ready nodes by class rank (implementation before review),
 * then settlements; FIFO among equals. Whatever this does not recognise — timer messages, journal
 * replies, adapted messages, which arrive wrapped — counts as control.
 */
public final class SlotManagerMailbox extends UnboundedStablePriorityMailbox {


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
            return InboxOrder.ready(ready.rank());
        }
        if (message instanceof SlotManager.Announced) {
            return InboxOrder.ANNOUNCED;
        }
        if (message instanceof SlotManager.Settled) {
            return InboxOrder.SETTLED;
        }
        return InboxOrder.CONTROL;
    }
}
