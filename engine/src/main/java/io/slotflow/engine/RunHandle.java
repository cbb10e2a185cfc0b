package io.slotflow.engine;

import io.slotflow.event.RunEvent;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A run submitted to an engine. Thread-safe. */
public interface RunHandle {

    String runId();

    /** A snapshot of the run now (asks the slot manager for the wait reasons; at most a few seconds). */
    RunStatus status();

    /**
     * {@link #status()} without blocking a thread while the slot manager answers: for servers, whose
     * few threads must not wait on an actor.
     */
    default CompletionStage<RunStatus> statusAsync() {
        return java.util.concurrent.CompletableFuture.completedFuture(status());
    }

    /**
     * One node as the run sees it now (its state, its current or last attempt), without asking the
     * slot manager; empty when the run has no such node, or this handle does not know its nodes.
     */
    default java.util.Optional<io.slotflow.state.NodeView> node(String nodeId) {
        return java.util.Optional.empty();
    }

    /**
     * Calls {@code listener} with each event of the run as it is persisted from now on, on an
     * engine thread (keep it quick); events of one actor arrive in order, and an event never
     * arrives before an event that caused it. Close the returned subscription to stop. Events
     * persisted before the call are not delivered: {@link #subscribe(long, Consumer)} from 0 gets
     * every one.
     */
    AutoCloseable subscribe(Consumer<RunEvent> listener);

    /**
     * Calls {@code listener} with every event of the run from the {@code offset}-th on (0: the run's
     * first event), then with each as it is persisted, none missed and none twice, so a subscription
     * made after {@code run()} returned still sees the run begin. Offsets count this handle's
     * sequence of the run's events: those already in the journal when the run was started or resumed,
     * in journal order, then each as it was persisted, as {@link #subscribe(Consumer)} delivers them;
     * a listener that counts what it got resumes at that count. Events before now are delivered on
     * the calling thread before this returns, the rest on engine threads. The handle keeps the run's
     * events in memory for this (a few hundred bytes each).
     *
     * @throws IllegalArgumentException when {@code offset} is negative
     */
    AutoCloseable subscribe(long offset, Consumer<RunEvent> listener);

    /** Completes when the run completes, is interrupted, or cannot go on. */
    CompletionStage<RunResult> result();

    /**
     * Stops dispatching, cancels the running sessions (they are recorded CANCELLED), and completes
     * {@link #result()} with {@link RunResult.Outcome#INTERRUPTED}. Running the plan again under the
     * same run id resumes it.
     */
    void interrupt(String reason);

    /**
     * Stops dispatching and lets the running sessions finish (a graceful stop, as on SIGTERM): the
     * stop is journaled at once ({@code run-interrupted}), and {@link #result()} completes with
     * {@link RunResult.Outcome#INTERRUPTED} when no session runs any more. An {@link #interrupt}
     * afterwards cancels the sessions still running — the end of a grace period. Running the plan
     * again under the same run id resumes it.
     */
    void drain(String reason);

    /** {@link #interrupt(String)}, journaled with who asked (an operator of a served engine). */
    default void interrupt(String reason, String by) {
        interrupt(reason);
    }

    /** {@link #drain(String)}, journaled with who asked. */
    default void drain(String reason, String by) {
        drain(reason);
    }

    /**
     * Pauses dispatching: nothing new starts, the running sessions go on. Completes once
     * {@code dispatch-paused} is journaled (at once when already paused), or exceptionally with
     * {@link ControlRefused} when the run is not running.
     */
    default CompletionStage<Void> pause(String by, String reason) {
        return unsupported();
    }

    /** Dispatches again after {@link #pause}; completes once {@code dispatch-resumed} is journaled. */
    default CompletionStage<Void> resumeDispatch(String by) {
        return unsupported();
    }

    /**
     * Changes K. Growing starts waiting nodes at once; shrinking stops no session, the pool shrinks as
     * sessions end. Completes once {@code slots-resized} is journaled, or exceptionally with
     * {@link ControlRefused} (K below 1, above 10,000, below the classes' reserves; the run not running).
     */
    default CompletionStage<Void> resize(int slots, String by) {
        return unsupported();
    }

    /**
     * Cancels one implementation group: a waiting group never runs, a running one's session is stopped
     * (its whole process tree: TERM, the kill grace, KILL) and recorded CANCELLED, not retried; the
     * groups that depend on it are blocked, and the run completes with failures. Completes once
     * {@code node-cancelled} is journaled, or exceptionally with {@link ControlRefused}: no such node
     * ({@link io.slotflow.core.Rejection#UNKNOWN}), the node already has its outcome or is a review
     * ({@link io.slotflow.core.Rejection#NODE_CONFLICT}), the run not running. Nothing is journaled then.
     */
    default CompletionStage<Void> cancelNode(String node, String by, String reason) {
        return java.util.concurrent.CompletableFuture.failedFuture(new ControlRefused(
                io.slotflow.core.Rejection.NOT_RUNNING, "cancelling one node is not supported for this run "
                + "(a clustered run cannot do it yet); cancel the whole run instead"));
    }

    /**
     * Adds specs to the running run: {@code text} is a document with one key, {@code specs}, written
     * as in a plan file, checked exactly as a plan file is, against the run's plan now. Completes with
     * the added spec ids once {@code specs-added} is journaled; exceptionally with
     * {@link io.slotflow.plan.InvalidPlanException} (every problem, one line each: nothing journaled)
     * or {@link ControlRefused} (the run not running, an id added meanwhile).
     *
     * @param source names the document in problems
     */
    default CompletionStage<java.util.List<String>> addSpecs(String text, String source, String by) {
        return java.util.concurrent.CompletableFuture.failedFuture(new ControlRefused(
                io.slotflow.core.Rejection.NOT_RUNNING, "this run takes no added specs"));
    }

    private static CompletionStage<Void> unsupported() {
        return java.util.concurrent.CompletableFuture.failedFuture(new ControlRefused(
                io.slotflow.core.Rejection.NOT_RUNNING, "this run cannot be controlled from here"));
    }
}
