package io.slotflow.server;

import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunStatus;
import io.slotflow.policy.WaitKind;
import io.slotflow.state.NodeLifecycle;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the API says about a run, as JSON-ready records. */
final class RunViews {

    /** One line of {@code GET /api/runs}. */
    record Summary(String runId, RunStatus.Phase phase, int slots, boolean paused, int running, int waiting,
            Map<NodeLifecycle.State, Integer> counts) {
    }

    /** {@code GET /api/runs/{id}}: the slots, what waits and why, what is done. */
    record Status(String runId, RunStatus.Phase phase, int slots, boolean paused, List<Session> running,
            List<Waiting> waiting, Map<String, Map<WaitKind, Integer>> waitingByClass,
            Map<NodeLifecycle.State, Integer> counts, List<Failed> failed, List<String> sourceProblems) {
    }

    /** A ready node and why it waits: the reason's kind, for grouping, and its phrase, for people. */
    record Waiting(String node, String workClass, int attempt, Instant readyAt, WaitKind kind, String reason) {
    }

    /** A session holding a slot. */
    record Session(int slot, String node, int attempt, String workClass, Instant dispatchedAt, Instant startedAt,
            String host, boolean borrowed) {
    }

    /** A node that failed or is blocked, and why. */
    record Failed(String node, NodeLifecycle.State state, String detail) {
    }

    private RunViews() {
    }

    static Summary summary(RunHandle run) {
        return summary(run.status());
    }

    static Summary summary(RunStatus s) {
        return new Summary(s.runId(), s.phase(), s.slots(), s.paused(), s.running().size(), s.waiting().size(),
                s.counts());
    }

    static Status status(RunStatus s) {
        return new Status(s.runId(), s.phase(), s.slots(), s.paused(),
                s.running().stream().map(r -> new Session(r.slot(), r.node(), r.attempt(), r.workClass(),
                        r.dispatchedAt(), r.startedAt(), r.host(), r.borrowed())).toList(),
                s.waiting().stream().map(w -> new Waiting(w.node(), w.workClass(), w.attempt(), w.readyAt(),
                        w.reason().kind(), w.reason().describe())).toList(),
                s.waitingByClass(), s.counts(),
                s.failed().stream().map(f -> new Failed(f.id(), f.state(), f.detail())).toList(), s.sourceProblems());
    }
}
