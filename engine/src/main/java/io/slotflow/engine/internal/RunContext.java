package io.slotflow.engine.internal;

import io.slotflow.graph.PlanGraph;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything the actors of one run share; immutable.
 *
 * @param runId the run
 * @param graph the plan, indexed
 * @param planDigest identifies the plan, to refuse resuming a run with another one
 * @param planDirectory what relative workdirs resolve against, on the member that runs a session
 * @param clock the source of every timestamp an event stores
 * @param listener told of every persisted event
 * @param directory how the actors reach each other
 * @param settleTimeout how long the slot manager waits for a session's follow-ups before treating
 *     them as delivered (a safety net for lost messages; lazy reviews wait at most this long)
 * @param supervisor told when the run starts, completes or cannot go on
 * @param journalRetries restarts after journal failures before a persistent actor gives up
 * @param git the run's git target, resolved when it started, when any of its classes works in a
 *     git workspace
 * @param retry the run's retry, new or under way: the slot manager journals a new one, and each spec
 *     actor takes up its part of it before it starts (once per round)
 */
public record RunContext(
        String runId,
        PlanGraph graph,
        String planDigest,
        Path planDirectory,
        Clock clock,
        RunListener listener,
        RunDirectory directory,
        Duration settleTimeout,
        RunSupervisor supervisor,
        int journalRetries,
        java.util.Optional<io.slotflow.engine.git.GitTarget> git,
        java.util.Optional<io.slotflow.state.RetrySelection.Reopen> retry) {

    public RunContext {
        git = git == null ? java.util.Optional.empty() : git;
        retry = retry == null ? java.util.Optional.empty() : retry;
    }

    /** A run without a git workspace (cluster members run none), started or resumed, not retried. */
    public RunContext(String runId, PlanGraph graph, String planDigest, Path planDirectory, Clock clock,
            RunListener listener, RunDirectory directory, Duration settleTimeout, RunSupervisor supervisor,
            int journalRetries) {
        this(runId, graph, planDigest, planDirectory, clock, listener, directory, settleTimeout, supervisor,
                journalRetries, java.util.Optional.empty(), java.util.Optional.empty());
    }

    /**
     * A persistent actor of this run, started afresh after each journal failure (see
     * {@link StartedAfresh}); the actor itself must have no restart strategy of its own.
     */
    public <T> org.apache.pekko.actor.typed.Behavior<T> startedAfresh(org.apache.pekko.actor.typed.Behavior<T> actor,
            org.apache.pekko.actor.typed.Props props) {
        return StartedAfresh.of(actor, props, journalRetries);
    }

    public <T> org.apache.pekko.actor.typed.Behavior<T> startedAfresh(org.apache.pekko.actor.typed.Behavior<T> actor) {
        return startedAfresh(actor, org.apache.pekko.actor.typed.Props.empty());
    }

    /** The same context, telling {@code newListener} of every persisted event. */
    public RunContext withListener(RunListener newListener) {
        return new RunContext(runId, graph, planDigest, planDirectory, clock, newListener, directory, settleTimeout,
                supervisor, journalRetries, git, retry);
    }

    /** The same context over {@code grown}: the run's graph with specs added while it runs. */
    public RunContext withGraph(PlanGraph grown) {
        return new RunContext(runId, grown, planDigest, planDirectory, clock, listener, directory, settleTimeout,
                supervisor, journalRetries, git, retry);
    }

    /** The same context, addressing the run's actors through {@code runDirectory}. */
    public RunContext withDirectory(RunDirectory runDirectory) {
        return new RunContext(runId, graph, planDigest, planDirectory, clock, listener, runDirectory, settleTimeout,
                supervisor, journalRetries, git, retry);
    }
}
