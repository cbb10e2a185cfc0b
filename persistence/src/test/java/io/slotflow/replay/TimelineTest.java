package io.slotflow.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.PlanParser;
import io.slotflow.sim.Simulator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    static List<RunEvent> flood() {
        return Simulator.run(PlanParser.parse(Path.of("../docs/examples/review-flood-unguarded.yaml"))).events();
    }

    @Test
    void oneBarPerSessionInItsSlotWithItsOutcome() {
        Timeline t = Timeline.of(flood());
        assertThat(t.bars()).hasSize(62);
        assertThat(t.slots()).isEqualTo(3);
        assertThat(t.bars()).allSatisfy(b -> {
            assertThat(b.slot()).isBetween(0, 2);
            assertThat(b.outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
            assertThat(b.end()).isAfterOrEqualTo(b.start());
        });
        assertThat(t.bars()).filteredOn(b -> b.workClass().equals("review")).hasSize(36);
        assertThat(t.classes()).containsExactly("implementation", "review");
    }

    @Test
    void barriersAndCompletionAreMarked() {
        Timeline t = Timeline.of(flood());
        assertThat(t.markers()).extracting(m -> m.kind() + " " + m.label())
                .containsExactly("BARRIER specs-91-to-99 (9 specs)", "COMPLETED completed");
    }

    @Test
    void aRunResizedLargerGetsARowPerSlotItEverHadAndTheControlsAreMarked() {
        List<RunEvent> events = new java.util.ArrayList<>(flood());
        java.time.Instant at = events.get(0).at().plusSeconds(1);
        events.add(1, new io.slotflow.event.DispatchPaused("alice", "", at));
        events.add(2, new io.slotflow.event.DispatchResumed("alice", at));
        events.add(3, new io.slotflow.event.SlotsResized(3, 7, "bob", at));
        events.add(4, new io.slotflow.event.SlotsResized(7, 2, "bob", at));
        Timeline t = Timeline.of(events);
        assertThat(t.slots()).isEqualTo(7);
        assertThat(t.markers()).extracting(m -> m.kind() + " " + m.label()).startsWith("PAUSED paused",
                "DISPATCH_RESUMED dispatching", "RESIZED K = 7", "RESIZED K = 2");
    }

    @Test
    void aGitSessionsBarCarriesWhatBecameOfItsBranchAndDriftIsMarked() {
        List<RunEvent> events = new java.util.ArrayList<>(flood());
        NodeDispatched first = events.stream().filter(NodeDispatched.class::isInstance).map(NodeDispatched.class::cast)
                .findFirst().orElseThrow();
        int finished = java.util.stream.IntStream.range(0, events.size())
                .filter(i -> events.get(i) instanceof io.slotflow.event.SessionFinished f && f.node().equals(first.node()))
                .findFirst().orElseThrow();
        io.slotflow.event.SessionFinished f = (io.slotflow.event.SessionFinished) events.get(finished);
        io.slotflow.workspace.GitWork work = new io.slotflow.workspace.GitWork(new io.slotflow.workspace.Worktree("/r",
                "main", "slotflow/r/n/1", "b4", "/r/w"), 2, List.of("a", "b"), List.of("b"),
                io.slotflow.workspace.MergeResult.GATE_FAILED, "", List.of(), 1500, 2500, "/r/w");
        events.set(finished, new io.slotflow.event.SessionFinished(f.node(), f.attempt(), f.slot(), f.outcome(),
                f.exitCode(), f.detail(), f.at(), java.util.Optional.of(work)));
        events.add(finished, new io.slotflow.event.DriftSeen(f.node(), f.attempt(), "main", "b4", "t1",
                List.of("a"), f.at()));
        Timeline t = Timeline.of(events);
        assertThat(t.bars()).filteredOn(b -> b.node().equals(first.node())).singleElement()
                .satisfies(b -> assertThat(b.git()).contains(work));
        assertThat(t.markers()).extracting(m -> m.kind() + " " + m.label())
                .contains("DRIFT main moved under " + f.node() + " (a)");
        assertThat(TimelineHtml.render(t)).contains("data-git=\"gate failed · 2 commits · 2 files · queue 1.5s · gate 2.5s"
                + " · undeclared b\"");
    }

    @Test
    void everyDispatchSaysHowLongItWaitedAndWhy() {
        Timeline t = Timeline.of(flood());
        assertThat(t.waits()).hasSize(62);
        assertThat(t.waits()).filteredOn(w -> !w.waited().isZero()).isNotEmpty()
                .allSatisfy(w -> assertThat(w.millisByReason()).isNotEmpty());
    }

    @Test
    void csvHasOneRowPerSessionAndQuotesWhatNeedsIt() {
        String csv = TimelineCsv.render(Timeline.of(flood()));
        assertThat(csv.lines()).hasSize(63).first().isEqualTo(TimelineCsv.HEADER);
        assertThat(csv.lines().skip(1)).allMatch(l -> l.matches("[123],[^,]+,(implementation|review),1,.*,SUCCEEDED,,false"));
        assertThat(TimelineCsv.field("exit 1, then \"boom\"")).isEqualTo("\"exit 1, then \"\"boom\"\"\"");
    }

    @Test
    void aBorrowedSlotIsShownAsSuch() {
        // the guarded flood: reviews keep to their quota of 1 until backfill lends them the idle slots
        List<RunEvent> events = Simulator.run(PlanParser.parse(Path.of("../docs/examples/review-flood.yaml"))).events();
        Timeline t = Timeline.of(events);
        assertThat(t.bars()).filteredOn(Timeline.Bar::borrowed).isNotEmpty()
                .allSatisfy(b -> assertThat(b.workClass()).isEqualTo("review"));
        assertThat(TimelineCsv.render(t).lines()).anyMatch(l -> l.contains(",review,") && l.endsWith(",SUCCEEDED,,true"));
        assertThat(TimelineHtml.render(t)).contains("class=\"bar cls-review outcome-succeeded borrowed\"");
        NodeDispatched borrowed = events.stream().filter(e -> e instanceof NodeDispatched d && d.borrowed())
                .map(e -> (NodeDispatched) e).findFirst().orElseThrow();
        assertThat(EventLog.describe(borrowed)).contains("(review, a borrowed slot, attempt 1");
    }
}
