package io.slotflow.replay;

import io.slotflow.event.RunEvent;
import io.slotflow.metrics.Telemetry;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.state.RunState;
import io.slotflow.verify.Verifier;
import io.slotflow.verify.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java API for reading runs back from a journal: the events, the folded state, the timeline,
 * the telemetry and the verifier's findings. What {@code slotflow runs|replay|timeline|stats|verify}
 * print, for applications that read their own journals.
 *
 * <pre>{@code
 * try (Replay replay = Replay.open(JournalSettings.embedded(Path.of(".slotflow")))) {
 *     for (Replay.RunInfo run : replay.runs()) {
 *         System.out.println(run.runId() + ": " + replay.verify(run.runId()).size() + " broken guarantees");
 *     }
 * }
 * }</pre>
 */
public final class Replay implements AutoCloseable {

    /** A run in the journal, in one line. */
    public record RunInfo(String runId, String plan, java.time.Instant started, java.time.Instant lastEvent,
            String phase, int nodes, int succeeded, int failed) {
    }

    private final JournalReader reader;
    private final boolean owned;

    private Replay(JournalReader reader, boolean owned) {
        this.reader = reader;
        this.owned = owned;
    }

    /** Reads the journal at these settings, creating its tables if missing (its own actor system; close it). */
    public static Replay open(JournalSettings settings) {
        return new Replay(JournalReader.open(settings), true);
    }

    /**
     * Reads the journal at these settings without creating or changing anything, and without an
     * actor system (see {@link JournalReader#openExisting}).
     *
     * @throws io.slotflow.persistence.NoJournalException when there is no journal there
     */
    public static Replay openExisting(JournalSettings settings) {
        return new Replay(JournalReader.openExisting(settings), true);
    }

    /** Reads through an existing reader, e.g. an engine's {@code journal()}. */
    public static Replay on(JournalReader reader) {
        return new Replay(reader, false);
    }

    /** The ids of the runs in the journal, in the order they were started, without reading their events. */
    public List<String> runIds() {
        return reader.runIds();
    }

    public List<RunInfo> runs() {
        List<RunInfo> runs = new ArrayList<>();
        for (String id : reader.runIds()) {
            RunState state;
            try {
                state = reader.replay(id);
            } catch (IllegalStateException broken) {
                // one run whose events do not fold (a bug wrote it) must not hide the others
                runs.add(new RunInfo(id, "?", null, null, "unreadable: " + broken.getMessage(), 0, 0, 0));
                continue;
            }
            int failed = state.count(io.slotflow.state.NodeLifecycle.State.FAILED)
                    + state.count(io.slotflow.state.NodeLifecycle.State.BLOCKED)
                    + state.count(io.slotflow.state.NodeLifecycle.State.CANCELLED);
            String phase = state.isCompleted() ? (failed == 0 ? "completed" : "completed with failures")
                    : state.isInterrupted() ? "interrupted" : "running or stopped";
            runs.add(new RunInfo(id, state.graph().plan().name(), state.startedAt(), state.lastEventAt(), phase,
                    state.nodes().size(), state.count(io.slotflow.state.NodeLifecycle.State.SUCCEEDED), failed));
        }
        return runs;
    }

    /** Every event of a run, in journal order. @throws java.util.NoSuchElementException for an unknown run */
    public List<RunEvent> events(String runId) {
        return reader.events(runId);
    }

    public RunState state(String runId) {
        return RunState.fold(events(runId));
    }

    public Timeline timeline(String runId) {
        return Timeline.of(events(runId));
    }

    public Telemetry telemetry(String runId) {
        return Telemetry.of(events(runId));
    }

    /** Every broken guarantee, each with the positions of the events that show it. */
    public List<Violation> verify(String runId) {
        return new Verifier().check(events(runId));
    }

    @Override
    public void close() {
        if (owned) {
            reader.close();
        }
    }
}
