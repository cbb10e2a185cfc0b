package io.slotflow.core;

import io.slotflow.event.SessionOutcome;
import io.slotflow.state.ReadyNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the run core is told: one {@link RunCore#handle} call per input. */
public sealed interface Input {

    /**
     * The slot manager starts: accept the plan (a new run) or resume; {@code hosts} are the session
     * hosts. With {@code retry} of a round the run has not had, a finished run is taken up again to
     * retry its failed work; a round it already has is a retry under way, resumed.
     */
    record Start(Set<String> hosts, java.util.Optional<io.slotflow.state.RetrySelection.Reopen> retry)
            implements Input {
        public Start {
            hosts = Set.copyOf(hosts);
        }

        public Start(Set<String> hosts) {
            this(hosts, java.util.Optional.empty());
        }
    }

    /** Nodes became ready (or are announced again). */
    record NodesReady(List<ReadyNode> nodes) implements Input {
        public NodesReady {
            nodes = List.copyOf(nodes);
        }
    }

    /** An owner made its first announcement after the run began (possibly of no node at all). */
    record Announced(Owner owner) implements Input {
    }

    /** A session host reports that a session runs (in its git worktree, when it has one). */
    record SessionRunning(SessionKey session, long pid, Instant at, java.util.Optional<io.slotflow.workspace.Worktree> worktree)
            implements Input {
        public SessionRunning(SessionKey session, long pid, Instant at) {
            this(session, pid, at, java.util.Optional.empty());
        }
    }

    /**
     * A session of a git workspace ended with commits: its branch entered the merge queue, and its slot
     * may go back to the pool (its outcome comes with its {@link SessionEnded} once the queue is done).
     */
    record BranchQueued(SessionKey session, String branch, int commits, java.util.List<String> files, Instant at)
            implements Input {
        public BranchQueued {
            files = java.util.List.copyOf(files);
        }
    }

    /** A session's git workspace saw its target move over files the session touches (see {@link io.slotflow.workspace.Drift}). */
    record SessionDrifted(SessionKey session, io.slotflow.workspace.Drift drift, Instant at) implements Input {
    }

    /**
     * A session host reports that a session ended (again, until it is acknowledged), with what it did
     * in its git workspace when it has one.
     */
    record SessionEnded(SessionKey session, SessionOutcome outcome, Integer exitCode, String detail, Instant at,
            String host, java.util.Optional<io.slotflow.workspace.GitWork> git) implements Input {
        public SessionEnded(SessionKey session, SessionOutcome outcome, Integer exitCode, String detail, Instant at,
                String host) {
            this(session, outcome, exitCode, detail, at, host, java.util.Optional.empty());
        }
    }

    /** A session host's answer when the run resumes: what still runs there and what ended unacknowledged. */
    record LiveSessions(String host, Set<SessionKey> running, List<SessionEnded> ended) implements Input {
        public LiveSessions {
            running = Set.copyOf(running);
            ended = List.copyOf(ended);
        }
    }

    /**
     * Session hosts are gone and fenced (a cluster member was removed and its lease ran out, so it
     * can run nothing more): the sessions they ran are lost.
     */
    record HostsGone(Set<String> hosts) implements Input {
        public HostsGone {
            hosts = Set.copyOf(hosts);
        }
    }

    /** A receiver handled {@code followUp} and sent {@code opened} on in turn. */
    record Settled(FollowUp followUp, List<FollowUp> opened) implements Input {
        public Settled {
            opened = List.copyOf(opened);
        }
    }

    /** Follow-ups or first announcements took longer than the settle timeout: stop waiting for them. */
    enum SettleTimedOut implements Input { INSTANCE }

    /**
     * Every spec settled and every review is final (from the review injector); {@code specs} is how
     * many specs had settled, so that a message sent before specs were added is known stale.
     */
    record AllSettled(int specs) implements Input {
    }

    /**
     * Stop dispatching. With {@code cancelRunning} the running sessions are cancelled (recorded
     * CANCELLED); without, they may finish (a stop with a grace period), and a later interrupt
     * that cancels them ends it.
     */
    record Interrupt(String reason, boolean cancelRunning, String by) implements Input {
        public Interrupt {
            by = by == null ? "" : by;
        }

        /** An interrupt by the engine's own terminal or signal handler. */
        public Interrupt(String reason, boolean cancelRunning) {
            this(reason, cancelRunning, "");
        }
    }

    /** A control request from an operator (the API); the step says whether it was taken or refused. */
    sealed interface Control extends Input {
        /** Who asked, as the journal records it. */
        String by();
    }

    /** Start nothing new until {@link ResumeDispatch}; the running sessions go on. */
    record Pause(String by, String reason) implements Control {
    }

    /** Dispatch again after a {@link Pause}. */
    record ResumeDispatch(String by) implements Control {
    }

    /** Change K to {@code slots}; a shrink never stops a session. */
    record Resize(int slots, String by) implements Control {
    }

    /**
     * An operator cancels one implementation group: it never runs again in this run, a session it has
     * is stopped. Its spec decides and journals it ({@code node-cancelled}); the core only fences it.
     */
    record CancelNode(String node, String by, String reason) implements Control {
    }

    /** An operator adds specs (read from their document); checked again against the run's graph now. */
    record AddSpecs(String by, List<io.slotflow.plan.Spec> specs) implements Control {
        public AddSpecs {
            specs = List.copyOf(specs);
        }
    }

    /** Record what arrived since the last flush and decide once for all of it; {@code hosts}: each host's slots. */
    record Flush(Map<String, Integer> hosts) implements Input {
        public Flush {
            hosts = Map.copyOf(hosts);
        }
    }

    /** What a work source's run came to, as the process runner saw it (outside the actor). */
    record SourceOutput(String source, int run, SourceVerdict verdict) implements Input {
    }
}
