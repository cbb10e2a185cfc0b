package io.slotflow.event;

import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * A run started: the plan it runs, resolved with every default, and where it came from.
 *
 * @param runId the run's id
 * @param plan the whole plan, so replay needs no plan file
 * @param planDigest SHA-256 of the plan's canonical JSON, to refuse resuming with another plan
 */
@EventType(name = "plan-accepted", version = 1)
public record PlanAccepted(
        String runId,
        Plan plan,
        String planDigest,
        Instant at) implements RunEvent {

    public PlanAccepted {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(planDigest, "planDigest");
        Objects.requireNonNull(at, "at");
    }

    /**
     * Whether the plan with {@code digest} is the one this run started from: the digest journaled
     * then, or the digest of the journaled plan as this version reads it. The second matters after
     * an upgrade: a plan gains keys with defaults (a workspace, a retry backoff, a respawn), so the
     * same plan file fingerprints differently than it did when an older Slotflow began the run.
     */
    public boolean startedFrom(String digest) {
        return planDigest.equals(digest) || PlanDigest.of(plan).equals(digest);
    }
}
