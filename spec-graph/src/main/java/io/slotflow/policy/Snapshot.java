package io.slotflow.policy;

import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.SpecTurns;
import java.util.List;
import java.util.Objects;

/**
 * What the policy decides from: the ready queue, the running nodes, the slot count and the time.
 * The ready queue is read, never changed, and must not change during {@link DispatchPolicy#decide}.
 *
 * @param mode rolling or wave
 * @param slots K
 * @param classes the work classes
 * @param ready the ready queue
 * @param running the nodes holding slots
 * @param nowMillis the current time (epoch or virtual ms), for aging
 * @param quiet true when nothing that could make more work ready is still on its way: no session
 *     just finished whose owner has not yet answered. Lazy nodes start only then.
 * @param categories what each category has used, for shares, single-session categories and cooldowns
 * @param resources the counted resources' capacities and what running sessions hold of them
 * @param specTurns whether the specs of one rank take turns ({@link SpecRoundRobin})
 * @param held attempts that hold no slot but still hold their footprint: their branch waits in the
 *     merge queue, and a node that conflicts with them must not start from a tip without their work
 */
public record Snapshot(
        DispatchMode mode, int slots, ClassTable classes, ReadyQueue ready, List<RunningNode> running, long nowMillis,
        boolean quiet, CategoryUse categories, ResourceUse resources, SpecTurns specTurns, List<RunningNode> held) {

    public Snapshot {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(specTurns, "specTurns");
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(ready, "ready");
        running = List.copyOf(running);
        held = List.copyOf(held);
    }

    /** A snapshot in which nothing holds a footprint without a slot. */
    public Snapshot(DispatchMode mode, int slots, ClassTable classes, ReadyQueue ready, List<RunningNode> running,
            long nowMillis, boolean quiet, CategoryUse categories, ResourceUse resources, SpecTurns specTurns) {
        this(mode, slots, classes, ready, running, nowMillis, quiet, categories, resources, specTurns, List.of());
    }

    /** A snapshot whose specs take no turns: the rank's own order alone. */
    public Snapshot(DispatchMode mode, int slots, ClassTable classes, ReadyQueue ready, List<RunningNode> running,
            long nowMillis, boolean quiet, CategoryUse categories, ResourceUse resources) {
        this(mode, slots, classes, ready, running, nowMillis, quiet, categories, resources, SpecTurns.NONE);
    }

    /** A snapshot of a plan without counted resources. */
    public Snapshot(DispatchMode mode, int slots, ClassTable classes, ReadyQueue ready, List<RunningNode> running,
            long nowMillis, boolean quiet, CategoryUse categories) {
        this(mode, slots, classes, ready, running, nowMillis, quiet, categories, ResourceUse.NONE);
    }

    /** A snapshot of a plan without categories. */
    public Snapshot(DispatchMode mode, int slots, ClassTable classes, ReadyQueue ready, List<RunningNode> running,
            long nowMillis, boolean quiet) {
        this(mode, slots, classes, ready, running, nowMillis, quiet, CategoryUse.NONE, ResourceUse.NONE);
    }

    public int freeSlots() {
        return Math.max(0, slots - running.size());
    }
}
