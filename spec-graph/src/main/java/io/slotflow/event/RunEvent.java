package io.slotflow.event;

import java.time.Instant;

/**
 * A domain event of a run. Every decision and outcome is one of these, persisted before it takes
 * effect; {@link io.slotflow.state.RunState} folds them.
 *
 * <p>Each event is an immutable record with a stable type name and a version
 * ({@link EventType}); time and decisions are taken by whoever emits the event and stored in it,
 * so folding never consults a clock.
 */
public sealed interface RunEvent
        permits PlanAccepted, RunResumed, NodeReady, NodeDispatched, SessionStarted, SessionFinished,
                NodeSucceeded, NodeFailed, NodeBlocked, SpecCompleted, SpecFailed, BarrierReached,
                ReviewsCreated, BatchFormed, RunInterrupted, RunCompleted, DispatchPaused, DispatchResumed,
                SlotsResized, RunRetried, NodesReopened, DriftSeen, QueueDecided, SourceRun, SourceRejected,
                SourceFailed, SourceDrained, SpecsAdded, BranchQueued, NodeCancelled {

    /** When it happened (wall clock in the engine, virtual time in the simulator). */
    Instant at();
}
