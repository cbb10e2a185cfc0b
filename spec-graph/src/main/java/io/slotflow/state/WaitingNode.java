package io.slotflow.state;

import io.slotflow.policy.WaitReason;
import java.time.Instant;

/** A ready node and why it waits, as the live engine or a folded journal explains its queue. */
public record WaitingNode(String node, String workClass, int attempt, Instant readyAt, WaitReason reason) {
}
