package io.slotflow.engine.internal;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * How the actors of a run reach each other: by role and spec id, not by reference, so that the
 * same actors work in one process (plain references) and on a cluster (sharding and singletons).
 *
 * <p>Two gates order a run's start: the slot manager starts once every actor exists
 * ({@link #ready()}); the others start once it has accepted or resumed the run
 * ({@link #begun()}), so that a run's journal always opens with its plan.
 */
public interface RunDirectory {

    void slotManager(SlotManager.Command command);

    void spec(String specId, SpecActor.Command command);

    void injector(ReviewInjector.Command command);

    /** The session hosts the run's sessions may go to, and their slots. */
    SessionHosts hosts();

    List<String> specIds();

    CompletionStage<Void> ready();

    CompletionStage<Void> begun();

    /** Called by the slot manager once the run's plan is in the journal. */
    void markBegun();

    /**
     * Specs joined the live run ({@code specs-added}): start an actor for each of {@code specs} that has
     * none, over {@code graph} (the run's graph with them), and tell the review injector the grown
     * graph. Idempotent: a resume calls it again for every added spec.
     *
     * @return false when this deployment cannot add specs to a running run
     */
    default boolean join(io.slotflow.graph.PlanGraph graph, List<String> specs) {
        return false;
    }
}
