package io.slotflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.plan.PlanParser;
import io.slotflow.sim.Simulator;
import io.slotflow.state.RunState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRunHandleTest {

    /**
     * The slot manager's first write timed out but committed; started afresh, it found the plan in
     * the journal and went on. The handle, never told of that write, folds the journal again.
     */
    @Test
    void anEventThatDoesNotFollowWhatTheHandleHeardMakesItFoldTheJournalAgain() {
        List<RunEvent> journal = new ArrayList<>(
                Simulator.run(PlanParser.parse(Path.of("../docs/examples/hello.yaml"))).events());
        RunResumed resumed = new RunResumed(Instant.parse("2026-12-02T05:00:00Z"));
        journal.add(resumed);
        List<RunEvent> heard = new ArrayList<>();
        LocalRunHandle handle = new LocalRunHandle("hello", List.of(), () -> journal);
        handle.subscribe(heard::add);
        handle.persisted(List.of(resumed));
        long folded = handle.read(RunState::eventCount);
        boolean allFinal = handle.read(RunState::allFinal);
        assertThat(folded).isEqualTo(journal.size());
        assertThat(allFinal).isTrue();
        assertThat(heard).containsExactly(resumed);
    }

    /** A writer persisting a run's events while a subscriber joins from 0: it gets each event once, in order. */
    @Test
    void aSubscriptionFromZeroMissesNothingAndRepeatsNothingWhileEventsArePersisted() throws Exception {
        List<RunEvent> events = Simulator.run(PlanParser.parse(Path.of("../docs/examples/review-flood.yaml"))).events();
        int past = 5;
        LocalRunHandle handle = new LocalRunHandle("flood", events.subList(0, past), () -> events);
        Thread writer = new Thread(() -> events.subList(past, events.size()).forEach(e -> handle.persisted(List.of(e))));
        List<RunEvent> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        writer.start();
        handle.subscribe(0, heard::add);
        writer.join();
        assertThat(heard).isEqualTo(events);

        List<RunEvent> fromOffset = new ArrayList<>();
        handle.subscribe(events.size() - 2, fromOffset::add);
        assertThat(fromOffset).isEqualTo(events.subList(events.size() - 2, events.size()));
    }

    @Test
    void anOffsetBeyondTheEventsSoFarSkipsLiveEventsUpToIt() {
        List<RunEvent> events = Simulator.run(PlanParser.parse(Path.of("../docs/examples/hello.yaml"))).events();
        LocalRunHandle handle = new LocalRunHandle("hello", events.subList(0, 2), () -> events);
        List<RunEvent> heard = new ArrayList<>();
        handle.subscribe(4, heard::add);
        events.subList(2, events.size()).forEach(e -> handle.persisted(List.of(e)));
        assertThat(heard).isEqualTo(events.subList(4, events.size()));
    }
}
