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
     * Calls {@code listener} with each event of the run as it is persisted from now on, on an
     * engine thread (keep it quick); events of one actor arrive in order, and an event never
     * arrives before an event that caused it. Close the returned subscription to stop. The events
     * already in the journal are read with {@link io.slotflow.persistence.JournalReader}.
     */
    AutoCloseable subscribe(Consumer<RunEvent> listener);

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
}
