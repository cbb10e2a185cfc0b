package io.slotflow.core;

import io.slotflow.graph.NodeDef;
import io.slotflow.state.NodeOutcome;
import java.util.Optional;

/** What the shell does once a step's events are persisted, in order. */
public sealed interface Action {

    /**
     * Start a session of {@code node}'s attempt on host {@code host}; {@code previous} is how the
     * node's last earlier session ended, which the session is told.
     */
    record StartSession(String host, NodeDef node, int attempt, Optional<PreviousAttempt> previous)
            implements Action {

        public StartSession(String host, NodeDef node, int attempt) {
            this(host, node, attempt, Optional.empty());
        }
    }

    /** Tell {@code host} that the end of {@code session} is persisted. */
    record AckEnd(String host, SessionKey session) implements Action {
    }

    /**
     * Tell the node's owner how its session ended. With a follow-up the owner settles it when done;
     * without, this repeats an outcome the owner missed, and no one waits for it.
     */
    record ToOwner(Owner owner, NodeOutcome outcome, Optional<FollowUp> followUp) implements Action {
    }

    /** Tell {@code owner} to reopen its part of {@code nodes} for retry {@code round} (it takes each round up once). */
    record Reopen(Owner owner, int round, java.util.List<String> nodes) implements Action {
        public Reopen {
            nodes = java.util.List.copyOf(nodes);
        }
    }

    /** Ask every session host what runs on it for this run (a resume). */
    enum AskHosts implements Action { INSTANCE }

    /**
     * Sessions recorded on these hosts neither answered nor are known to be gone: have each host
     * fenced (its lease run out, so it can run nothing more), then send {@link Input.HostsGone}.
     */
    record FenceHosts(java.util.Set<String> hosts) implements Action {
        public FenceHosts {
            hosts = java.util.Set.copyOf(hosts);
        }
    }

    /** Cancel one session on {@code host} (an operator cancelled its node): it ends CANCELLED. */
    record CancelSession(String host, SessionKey session) implements Action {
    }

    /**
     * Ask the node's owner to cancel it: the owner journals {@code node-cancelled} (or refuses, the
     * node having its outcome already) and answers the operator.
     */
    record CancelAtOwner(Owner owner, String node, String by, String reason) implements Action {
    }

    /** Cancel every running session of the run. */
    enum CancelSessions implements Action { INSTANCE }

    /** Send the core a {@link Input.Flush} soon (once; more inputs may arrive before it). */
    enum FlushSoon implements Action { INSTANCE }

    /** Send the core a {@link Input.Flush} at {@code at}: ready work waits for a category's cooldown to end. */
    record WakeAt(java.time.Instant at) implements Action {
    }

    /** (Re)start the settle timer: if it fires, send {@link Input.SettleTimedOut}. */
    enum ArmSettleTimer implements Action { INSTANCE }

    /** Nothing to wait for any more: stop the settle timer. */
    enum DisarmSettleTimer implements Action { INSTANCE }

    /** The plan is in the journal (a new run) or the run resumed; the owners may start. */
    record Begun(boolean resumed) implements Action {
    }

    /** The run completed: every node has its final outcome. */
    enum Completed implements Action { INSTANCE }

    /** Dispatching stopped on request and no session runs any more. */
    enum Interrupted implements Action { INSTANCE }

    /** A control request was refused, nothing was journaled: {@code reason} says why, in one line. */
    record Rejected(Rejection kind, String reason) implements Action {
    }

    /** The run cannot go on. */
    record Refused(String reason) implements Action {
    }

    /**
     * Run a work source's process outside the actor, and report what it printed as
     * {@link Input.SourceOutput} (its {@link SourceRun} is journaled first).
     */
    record RunSource(io.slotflow.plan.WorkSource source, int run) implements Action {
    }

    /**
     * Specs joined the run (a {@code specs-added} was journaled, or a resume found some): start an
     * owner for each that has none, over {@code graph}, the run's graph with them; tell the review
     * injector the grown graph. The one place where the engine learns of new specs.
     */
    record SpecsJoined(io.slotflow.graph.PlanGraph graph, java.util.List<String> specs) implements Action {
        public SpecsJoined {
            specs = java.util.List.copyOf(specs);
        }
    }

    /** A work source's retry wait ends then: decide again (replaces an earlier such wake). */
    record WakeSourcesAt(java.time.Instant at) implements Action {
    }
}
