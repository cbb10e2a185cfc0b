package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.engine.RunStatus;
import io.slotflow.footprint.Footprint;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.state.RunningSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live view fits the terminal (a taller frame scrolls and leaves a copy at every redraw), and its totals make sense. */
class LiveViewTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final StringWriter screen = new StringWriter();

    private LiveView terminal(int rows, int columns) {
        return new LiveView.Terminal(new PrintWriter(screen), CLOCK, () -> new TerminalSize(rows, columns));
    }

    private static RunStatus status(int slots, int busy, Map<NodeLifecycle.State, Integer> counts) {
        List<RunningSession> running = new ArrayList<>();
        for (int s = 0; s < busy; s++) {
            // every other slot from the start, then the rest: busy slots are not all at the top
            int slot = s < slots / 2 ? 2 * s : 2 * (s - slots / 2) + 1;
            running.add(new RunningSession("spec-" + slot + ":0", 1, slot, "implementation",
                    Footprint.of(List.of(), List.of("x")), NOW.minusSeconds(5), NOW.minusSeconds(4), "local", false));
        }
        return new RunStatus("big", RunStatus.Phase.RUNNING, slots, false, running, List.of(), Map.of(), counts, List.of());
    }

    /** The frames drawn, split at the cursor movement that starts each redraw. */
    private List<List<String>> frames() {
        return Arrays.stream(screen.toString().split("\033\\[\\d+F\033\\[J"))
                .map(frame -> frame.lines().toList()).toList();
    }

    @Test
    void moreSlotsThanRowsAreSummedUpBusyFirstAndTheFrameFitsTheScreen() {
        LiveView view = terminal(20, 80);
        RunStatus status = status(40, 25, Map.of(NodeLifecycle.State.RUNNING, 25));
        view.refresh(status, Duration.ofSeconds(12));
        view.refresh(status, Duration.ofSeconds(13));

        List<List<String>> frames = frames();
        assertThat(frames).hasSize(2);
        for (List<String> frame : frames) {
            assertThat(frame.size()).isLessThan(20);
            assertThat(frame.get(0)).startsWith("big · ");
            assertThat(frame.subList(1, frame.size() - 2)).allMatch(l -> l.matches("  slot \\d+ +spec-\\d+:0 .*"));
            assertThat(frame.get(frame.size() - 2)).isEqualTo("  … 24 more slots: 9 busy, 15 idle");
            assertThat(frame.get(frame.size() - 1)).isEqualTo("  ready queue empty");
        }
        // the redraw moves up exactly over the frame it replaces
        assertThat(screen.toString()).contains("\033[" + frames.get(0).size() + "F\033[J");
    }

    @Test
    void inAGitWorkspaceMergeResultsAndDriftShowAndTheFrameStillFits() {
        io.slotflow.workspace.Worktree tree = new io.slotflow.workspace.Worktree("/r", "main", "slotflow/r/a/1", "b4",
                "/r/w");
        io.slotflow.workspace.GitWork merged = new io.slotflow.workspace.GitWork(tree, 2, List.of("a", "b", "c"),
                List.of(), io.slotflow.workspace.MergeResult.MERGED, "m1", List.of(), 400, 1200, "");
        io.slotflow.workspace.GitWork noop = new io.slotflow.workspace.GitWork(tree, 0, List.of(), List.of(),
                io.slotflow.workspace.MergeResult.NOOP, "", List.of(), 0, 0, "");
        for (LiveView view : List.of(terminal(20, 80), new LiveView.Lines(new PrintWriter(screen), CLOCK))) {
            view.event(new io.slotflow.event.DriftSeen("a:0", 1, "main", "b4", "0123456789abcdef", List.of("x.txt"),
                    NOW));
            view.event(new io.slotflow.event.SessionFinished("a:0", 1, 0, io.slotflow.event.SessionOutcome.SUCCEEDED,
                    0, "merged", NOW, java.util.Optional.of(merged)));
            view.event(new io.slotflow.event.SessionFinished("b:0", 1, 1, io.slotflow.event.SessionOutcome.NOOP,
                    0, "no commit", NOW, java.util.Optional.of(noop)));
            assertThat(view.gitLine()).isEqualTo("git: 1 merged, 1 noop · 1 drift warning");
        }
        terminal(20, 80).refresh(status(40, 25, Map.of(NodeLifecycle.State.RUNNING, 25)), Duration.ofSeconds(1));
        assertThat(screen.toString())
                .contains("drift     a:0: main moved to 0123456789ab over x.txt (the session was told)")
                .contains("succeeded a:0 [merged, 2 commits, 3 files, queue 0.4s, gate 1.2s]: merged")
                .contains("noop      b:0 [noop, 0 commits, 0 files]: no commit");
        LiveView view = terminal(20, 80);
        view.event(new io.slotflow.event.SessionFinished("b:0", 1, 1, io.slotflow.event.SessionOutcome.NOOP,
                0, "no commit", NOW, java.util.Optional.of(noop)));
        screen.getBuffer().setLength(0);
        view.refresh(status(40, 25, Map.of(NodeLifecycle.State.RUNNING, 25)), Duration.ofSeconds(1));
        List<String> frame = frames().get(0);
        assertThat(frame.size()).isLessThan(20);
        assertThat(frame.get(frame.size() - 1)).isEqualTo("  git: 1 noop");
    }

    @Test
    void aRejectedSourceOutputStaysInViewAndTheFrameStillFits() {
        RunStatus base = status(40, 25, Map.of(NodeLifecycle.State.RUNNING, 25));
        RunStatus status = new RunStatus(base.runId(), base.phase(), base.slots(), base.paused(), base.running(),
                base.waiting(), base.waitingByClass(), base.counts(), base.failed(), List.of(
                        "source finder run 1 FAILED: exit 3; runs again at 2026-12-01T10:00:01Z",
                        "source finder run 2 REJECTED, nothing of it runs: not JSON: x (9 bytes printed); given up"));
        terminal(20, 200).refresh(status, Duration.ofSeconds(1));
        List<String> frame = frames().get(0);
        assertThat(frame).hasSizeLessThan(20);
        assertThat(frame.get(frame.size() - 1)).isEqualTo("  2 source problems; last: source finder run 2 REJECTED, "
                + "nothing of it runs: not JSON: x (9 bytes printed); given up");
    }

    @Test
    void allSlotsShowWhenTheyFit() {
        terminal(50, 80).refresh(status(8, 3, Map.of(NodeLifecycle.State.RUNNING, 3)), Duration.ofSeconds(1));
        List<String> frame = frames().get(0);
        assertThat(frame).hasSize(10).noneMatch(l -> l.contains("more slots"));
        assertThat(frame.get(1)).startsWith("  slot 1   spec-0:0");
        assertThat(frame.get(2)).isEqualTo("  slot 2   —");
    }

    @Test
    void noLineIsWiderThanTheTerminal() {
        terminal(30, 30).refresh(status(4, 4, Map.of(NodeLifecycle.State.RUNNING, 4)), Duration.ofSeconds(1));
        assertThat(frames().get(0)).allMatch(l -> l.length() < 30);
    }

    @Test
    void onANarrowTerminalTheNodeColumnNarrowsAndTheSessionsTimeStaysInView() {
        terminal(30, 70).refresh(status(2, 1, Map.of(NodeLifecycle.State.RUNNING, 1)), Duration.ofSeconds(1));
        assertThat(frames().get(0).get(1)).hasSizeLessThan(70).endsWith("5.0s");
    }

    @Test
    void theHeadlineCountsFinalNodesAgainstEveryNodeKnownAndSaysStartingBeforeThePlanIsAccepted() {
        assertThat(LiveView.headline(status(2, 0, Map.of()), Duration.ofSeconds(3))).isEqualTo("big · 3.0s · starting…");
        assertThat(LiveView.headline(status(2, 2, Map.of(NodeLifecycle.State.SUCCEEDED, 10,
                NodeLifecycle.State.FAILED, 1, NodeLifecycle.State.BLOCKED, 1, NodeLifecycle.State.RUNNING, 2,
                NodeLifecycle.State.WAITING, 48)), Duration.ofSeconds(62)))
                .isEqualTo("big · 1m02s · 12/62 done · 2 failed · 2 running");
    }

    @Test
    void theHeadlineForecastsTheTimeLeftFromTheSimulatedPlanCountingDownBetweenEndings() {
        // hello.yaml simulated: 2 s in all, its nodes end at 1 s, 1 s, 1.5 s and 2 s
        LiveView view = terminal(20, 120).forecasting(
                io.slotflow.sim.Forecast.of(io.slotflow.plan.PlanParser.parse(java.nio.file.Path.of("../docs/examples/hello.yaml"))));
        Map<NodeLifecycle.State, Integer> none = Map.of(NodeLifecycle.State.RUNNING, 2, NodeLifecycle.State.WAITING, 2);
        Map<NodeLifecycle.State, Integer> two = Map.of(NodeLifecycle.State.SUCCEEDED, 2, NodeLifecycle.State.RUNNING, 1,
                NodeLifecycle.State.WAITING, 1);
        assertThat(view.headlineWithForecast(status(2, 2, none), Duration.ofMillis(400))).endsWith(" · about 1.6s left");
        assertThat(view.headlineWithForecast(status(2, 2, none), Duration.ofSeconds(9))) // sessions past their estimates
                .endsWith(" · about 1.0s left");
        assertThat(view.headlineWithForecast(status(2, 1, two), Duration.ofSeconds(10))).endsWith(" · about 1.0s left");
        assertThat(view.headlineWithForecast(status(2, 1, two), Duration.ofMillis(10_300))).endsWith(" · about 0.7s left");
    }
}
