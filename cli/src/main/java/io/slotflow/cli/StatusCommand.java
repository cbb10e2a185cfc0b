package io.slotflow.cli;

import io.slotflow.persistence.JournalReader;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.state.NodeView;
import io.slotflow.state.RunState;
import io.slotflow.state.RunningSession;
import io.slotflow.state.WaitReasons;
import io.slotflow.state.WaitingNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slotflow status}: a run as its journal tells it — also while another process runs it —
 * running sessions, queued nodes with why they wait, done and failed.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a run from the journal: running, queued (and why), done, failed.")
final class StatusCommand implements Callable<Integer> {

    private static final int LISTED = 50;

    @Mixin
    JournalOptions journal;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run (default: the latest run in the journal).")
    String runId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (JournalReader reader = journal.openReader()) {
            String id = runId != null ? runId : latest(reader);
            RunState state;
            try {
                state = reader.replay(id);
            } catch (java.util.NoSuchElementException e) {
                throw new Main.UserError("no run " + id + " in the journal at " + journal.describe(), ExitCode.INVALID);
            }
            Instant now = Instant.now();
            EngineLiveness engine = EngineLiveness.of(state, reader.lease(id), now);
            String phase = state.isCompleted() ? (failed(state).isEmpty() ? "completed, all succeeded" : "completed with failures")
                    : state.isInterrupted() ? "interrupted (resume it with slotflow run … --run-id " + id + ")"
                    : engine.describe(id);
            out.printf("run %s: %s%n", id, phase);
            out.printf("  plan %s, K = %d; started %s, last event %s%n", state.graph().plan().name(),
                    state.graph().slots(), Show.dateTime(state.startedAt()), Show.dateTime(state.lastEventAt()));
            List<RunningSession> running = state.running();
            // a session runs until now while its engine lives; a dead engine's sessions stopped with it
            Instant until = engine.running() ? now : engine.stoppedAt();
            out.printf("%s (%d of %d slots):%n", engine.running() || running.isEmpty() ? "running"
                    : "running when the engine stopped", running.size(), state.graph().slots());
            for (RunningSession r : running) {
                out.printf("  slot %-3d %-40s %-16s attempt %d, for %s%n", r.slot() + 1, r.node(), r.workClass(),
                        r.attempt(), Show.duration(Duration.between(r.dispatchedAt(), until)));
            }
            List<WaitingNode> waiting = WaitReasons.of(state);
            out.printf("queued (%d):%n", waiting.size());
            waiting.stream().limit(LISTED).forEach(w ->
                    out.printf("  %-40s %-16s %s%n", w.node(), w.workClass(), w.reason().describe()));
            if (waiting.size() > LISTED) {
                out.printf("  … and %d more%n", waiting.size() - LISTED);
            }
            out.printf("done: %d succeeded (%d waiting on dependencies)%n", state.count(NodeLifecycle.State.SUCCEEDED),
                    state.count(NodeLifecycle.State.WAITING));
            List<NodeView> failed = failed(state);
            out.printf("failed: %d%n", failed.size());
            failed.forEach(n -> out.printf("  %s %s: %s%n", n.id(), n.state().name().toLowerCase(), n.detail()));
            List<String> sourceProblems = state.sourceProblemLines();
            if (!sourceProblems.isEmpty() || !state.sources().all().isEmpty()) {
                out.printf("work sources: %s; problems: %d%n", state.sources().all().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue().phase().name().toLowerCase().replace('_', ' ')
                                + " after " + e.getValue().runs() + " runs")
                        .collect(java.util.stream.Collectors.joining(", ")), sourceProblems.size());
                sourceProblems.forEach(line -> out.printf("  %s%n", line));
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    private String latest(JournalReader reader) {
        List<String> runs = reader.runIds();
        if (runs.isEmpty()) {
            throw new Main.UserError("no runs in the journal at " + journal.describe(), ExitCode.INVALID);
        }
        return runs.get(runs.size() - 1);
    }

    private static List<NodeView> failed(RunState state) {
        List<NodeView> failed = new java.util.ArrayList<>(state.nodesIn(NodeLifecycle.State.FAILED));
        failed.addAll(state.nodesIn(NodeLifecycle.State.BLOCKED));
        failed.addAll(state.nodesIn(NodeLifecycle.State.CANCELLED));
        return failed;
    }
}
