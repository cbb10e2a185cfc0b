package io.slotflow.core;

import io.slotflow.event.SessionOutcome;
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
    record NodesReady(List<ReadyNote> nodes) implements Input {
        public NodesReady {
            nodes = List.copyOf(nodes);
        }
    }

    /** An owner made its first announcement after the run began (possibly of no node at all). */
    record Announced(Owner owner) implements Input {
    }

    /** A session host reports that a session runs. */
    record SessionStarted(SessionKey session, long pid, Instant at) implements Input {
    }

    /** A session host reports that a session ended (again, until it is acknowledged). */
    record SessionEnded(SessionKey session, SessionOutcome outcome, Integer exitCode, String detail, Instant at,
            String host) implements Input {
    }

    /** A session host's answer when the run resumes: what still runs there and what ended unacknowledged. */
    record LiveSessions(String host, Set<SessionKey> running, List<SessionEnded> ended) implements Input {
        public LiveSessions {
            running = Set.copyOf(running);
            ended = List.copyOf(ended);
        }
    }

    /** Session hosts left (a cluster member was removed): the sessions they ran are lost. */
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

    /** Every spec settled and every review is final (from the review injector). */
    enum AllSettled implements Input { INSTANCE }

    /**
     * Stop dispatching. With {@code cancelRunning} the running sessions are cancelled (recorded
     * CANCELLED); without, they may finish (a stop with a grace period), and a later interrupt
     * that cancels them ends it.
     */
    record Interrupt(String reason, boolean cancelRunning) implements Input {
    }

    /** Record what arrived since the last flush and decide once for all of it; {@code hosts}: each host's slots. */
    record Flush(Map<String, Integer> hosts) implements Input {
        public Flush {
            hosts = Map.copyOf(hosts);
        }
    }
}
