package io.slotflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.DispatchPaused;
import io.slotflow.event.DispatchResumed;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SlotsResized;
import io.slotflow.graph.PlanGraph;
import io.slotflow.state.ReadyNode;
import io.slotflow.testing.TestPlanBuilder;
import io.slotflow.verify.Guarantee;
import io.slotflow.verify.Verifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator's controls in the run core: pause, resume and resize are journaled with who asked, or refused whole. */
class RunCoreControlTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final String HOST = NodeDispatched.LOCAL;
    private static final Input.Flush FLUSH = new Input.Flush(Map.of(HOST, Integer.MAX_VALUE));

    /** Five independent groups on K = 2. */
    private static final PlanGraph GRAPH = PlanGraph.of(TestPlanBuilder.plan().slots(2)
            .spec("a").group("0", Duration.ofMinutes(1), List.of("a0")).group("1", Duration.ofMinutes(1), List.of("a1"))
            .group("2", Duration.ofMinutes(1), List.of("a2")).group("3", Duration.ofMinutes(1), List.of("a3"))
            .group("4", Duration.ofMinutes(1), List.of("a4"))
            .build());

    private RunCore core = new RunCore("r", GRAPH, "digest");
    private final List<RunEvent> journal = new ArrayList<>();

    private Step step(Input input) {
        Step step = core.handle(input, T0);
        step.events().forEach(core::apply);
        journal.addAll(step.events());
        return step;
    }

    private void begun() {
        step(new Input.Start(Set.of(HOST)));
        step(new Input.Announced(new Owner.Spec("a")));
        step(new Input.Announced(Owner.Injector.INSTANCE));
    }

    private void ready(String... nodes) {
        step(new Input.NodesReady(java.util.Arrays.stream(nodes).map(n -> new ReadyNode(GRAPH.group(n), 1, T0))
                .toList()));
    }

    private List<String> started(Step step) {
        return step.actions().stream().filter(a -> a instanceof Action.StartSession)
                .map(a -> ((Action.StartSession) a).node().id()).toList();
    }

    private void ends(String node) {
        step(new Input.SessionEnded(new SessionKey(node, 1), SessionOutcome.SUCCEEDED, 0, "", T0, HOST));
    }

    @Test
    void aPausedRunStartsNothingUntilResumedAndTheJournalSaysWhoAsked() {
        begun();
        Step pause = step(new Input.Pause("alice", "deploy"));
        assertThat(pause.events()).containsExactly(new DispatchPaused("alice", "deploy", T0));
        ready("a:0", "a:1");
        assertThat(step(FLUSH).events()).isEmpty();
        Step resume = step(new Input.ResumeDispatch("bob"));
        assertThat(resume.events()).containsExactly(new DispatchResumed("bob", T0));
        assertThat(resume.actions()).contains(Action.FlushSoon.INSTANCE);
        assertThat(started(step(FLUSH))).containsExactlyInAnyOrder("a:0", "a:1");
    }

    @Test
    void askingForWhatIsAlreadySoJournalsNothing() {
        begun();
        assertThat(step(new Input.ResumeDispatch("bob"))).isEqualTo(Step.NOTHING);
        step(new Input.Pause("alice", ""));
        assertThat(step(new Input.Pause("alice", ""))).isEqualTo(Step.NOTHING);
        assertThat(step(new Input.Resize(2, "alice"))).isEqualTo(Step.NOTHING);
    }

    @Test
    void growingKStartsMoreAtOnce() {
        begun();
        ready("a:0", "a:1", "a:2", "a:3");
        assertThat(started(step(FLUSH))).hasSize(2);
        Step resize = step(new Input.Resize(4, "carol"));
        assertThat(resize.events()).containsExactly(new SlotsResized(2, 4, "carol", T0));
        assertThat(started(step(FLUSH))).containsExactlyInAnyOrder("a:2", "a:3");
        assertThat(core.board().slotCount()).isEqualTo(4);
    }

    @Test
    void shrinkingKCancelsNothingAndRefillsNoSlotUntilBelowTheNewK() {
        begun();
        step(new Input.Resize(4, "carol"));
        ready("a:0", "a:1", "a:2", "a:3", "a:4");
        assertThat(started(step(FLUSH))).hasSize(4);
        Step shrink = step(new Input.Resize(1, "carol"));
        assertThat(shrink.actions()).noneMatch(a -> a == Action.CancelSessions.INSTANCE);
        assertThat(core.board().runningCount()).isEqualTo(4);
        String last = core.board().running().get(3).node();
        ends(last);
        assertThat(started(step(FLUSH))).as("4 running > K = 1: nothing starts").isEmpty();
        core.board().running().stream().skip(1).map(s -> s.node()).toList().forEach(this::ends);
        assertThat(started(step(FLUSH))).as("1 running = K").isEmpty();
        ends(core.board().running().get(0).node());
        assertThat(step(FLUSH).events()).filteredOn(e -> e instanceof NodeDispatched)
                .singleElement().extracting(e -> ((NodeDispatched) e).slot()).isEqualTo(0);
        // the owners' node-ready events are not in this journal: only K and the quotas are checked
        assertThat(new Verifier().check(journal)).filteredOn(v -> v.guarantee() == Guarantee.CAPACITY
                || v.guarantee() == Guarantee.QUOTA).isEmpty();
    }

    @Test
    void aKOutOfRangeIsRefusedWithOneLineAndNothingJournaled() {
        begun();
        for (int k : new int[] {0, -3, 10_001}) {
            Step step = step(new Input.Resize(k, "dave"));
            assertThat(step.events()).as("K = " + k).isEmpty();
            assertThat(step.actions()).singleElement().isEqualTo(new Action.Rejected(Rejection.INVALID,
                    "slots must be between 1 and 10000, got " + k));
        }
        assertThat(core.board().slotCount()).isEqualTo(2);
    }

    @Test
    void aRunNotBegunOrStoppingRefusesControls() {
        assertThat(step(new Input.Pause("eve", "")).actions()).singleElement()
                .matches(a -> a instanceof Action.Rejected r && r.kind() == Rejection.NOT_RUNNING);
        begun();
        step(new Input.Interrupt("drain", false, "eve"));
        Step step = step(new Input.Resize(3, "eve"));
        assertThat(step.events()).isEmpty();
        assertThat(step.actions()).singleElement()
                .isEqualTo(new Action.Rejected(Rejection.NOT_RUNNING, "run r is stopping"));
    }

    @Test
    void aRecoveredCoreKeepsThePauseAndTheNewK() {
        begun();
        step(new Input.Resize(5, "carol"));
        step(new Input.Pause("alice", ""));
        RunCore recovered = new RunCore("r", GRAPH, "digest");
        journal.forEach(recovered::apply);
        assertThat(recovered.board().slotCount()).isEqualTo(5);
        assertThat(recovered.board().isPaused()).isTrue();
    }
}
