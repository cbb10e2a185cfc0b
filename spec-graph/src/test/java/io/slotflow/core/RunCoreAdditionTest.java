package io.slotflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SpecsAdded;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Plan;
import io.slotflow.plan.Spec;
import io.slotflow.state.ReadyNode;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Specs added to a live run: journaled, dispatched as the plan's own, refused whole when they do not fit. */
class RunCoreAdditionTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String HOST = NodeDispatched.LOCAL;
    private static final Input.Flush FLUSH = new Input.Flush(Map.of(HOST, 2));
    private static final PlanGraph GRAPH = PlanGraph.of(TestPlanBuilder.plan().slots(2)
            .spec("a").group("0", Duration.ofMinutes(1), List.of("a0"))
            .build());
    /** What an addition brings: spec b after a, spec c on its own. */
    private static final Plan MORE = TestPlanBuilder.plan().slots(2)
            .spec("a").group("0", Duration.ofMinutes(1), List.of("a0"))
            .spec("b", "a").group("0", Duration.ofMinutes(1), List.of("b0"))
            .spec("c").group("0", Duration.ofMinutes(1), List.of("c0"))
            .build();

    private RunCore core = new RunCore("r", GRAPH, "digest");

    private Step step(Input input) {
        Step step = core.handle(input, T0);
        step.events().forEach(core::apply);
        return step;
    }

    private static List<Spec> specs(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> MORE.spec(id).orElseThrow()).toList();
    }

    private void begun() {
        step(new Input.Start(Set.of(HOST)));
        step(new Input.Announced(new Owner.Spec("a")));
        step(new Input.Announced(Owner.Injector.INSTANCE));
    }

    @Test
    void addedSpecsAreJournaledTheirOwnersStartedAndTheirNodesDispatched() {
        begun();
        Step added = step(new Input.AddSpecs("alice", specs("b", "c")));
        assertThat(added.events()).singleElement().isInstanceOfSatisfying(SpecsAdded.class, e -> {
            assertThat(e.specs()).extracting(Spec::id).containsExactly("b", "c");
            assertThat(e.by()).isEqualTo("alice");
        });
        assertThat(added.actions()).anySatisfy(a -> assertThat(a).isInstanceOfSatisfying(Action.SpecsJoined.class,
                j -> assertThat(j.specs()).containsExactly("b", "c")));
        assertThat(core.graph().specIds()).containsExactly("a", "b", "c");
        step(new Input.NodesReady(List.of(new ReadyNode(core.graph().group("c:0"), 1, T0))));
        assertThat(step(FLUSH).events()).singleElement().isInstanceOfSatisfying(NodeDispatched.class,
                d -> assertThat(d.node()).isEqualTo("c:0"));
    }

    @Test
    void anIdTheRunHasOrACycleIsRefusedWithNothingJournaled() {
        begun();
        Step duplicate = step(new Input.AddSpecs("alice", specs("a")));
        assertThat(duplicate.events()).isEmpty();
        assertThat(duplicate.actions()).singleElement().isEqualTo(
                new Action.Rejected(Rejection.INVALID, "spec id 'a' is already in the run"));
        Spec x = new Spec("x", List.of("y"), specs("c").get(0).groups());
        Spec y = new Spec("y", List.of("x"), specs("c").get(0).groups());
        Step cycle = step(new Input.AddSpecs("alice", List.of(x, y)));
        assertThat(cycle.events()).isEmpty();
        assertThat(cycle.actions()).singleElement().isInstanceOfSatisfying(Action.Rejected.class,
                r -> assertThat(r.kind()).isEqualTo(Rejection.INVALID));
        assertThat(core.graph().specIds()).containsExactly("a");
    }

    @Test
    void aCompletedRunTakesNoAddition() {
        begun();
        step(new Input.AllSettled(1));
        assertThat(step(FLUSH).events()).singleElement().isInstanceOf(RunCompleted.class);
        Step late = step(new Input.AddSpecs("alice", specs("c")));
        assertThat(late.events()).isEmpty();
        assertThat(late.actions()).singleElement().isInstanceOfSatisfying(Action.Rejected.class,
                r -> assertThat(r.kind()).isEqualTo(Rejection.NOT_RUNNING));
    }

    @Test
    void anAllSettledSentBeforeAnAdditionDoesNotCompleteTheRun() {
        begun();
        step(new Input.NodesReady(List.of(new ReadyNode(GRAPH.group("a:0"), 1, T0))));
        step(FLUSH);
        step(new Input.SessionEnded(new SessionKey("a:0", 1), SessionOutcome.SUCCEEDED, 0, "", T0, HOST));
        step(FLUSH);
        step(new Input.AddSpecs("alice", specs("c")));
        // the injector had counted the one spec of the plan: stale now
        step(new Input.AllSettled(1));
        assertThat(step(FLUSH).events()).noneMatch(e -> e instanceof RunCompleted);
        step(new Input.AllSettled(2));
        assertThat(step(FLUSH).events()).singleElement().isInstanceOf(RunCompleted.class);
    }

    @Test
    void replayingTheJournalRebuildsThePlanWithItsAdditions() {
        begun();
        step(new Input.AddSpecs("alice", specs("b")));
        RunCore replayed = new RunCore("r", GRAPH, "digest");
        replayed.apply(core.board().plan().orElseThrow());
        replayed.apply(new SpecsAdded("alice", 0, specs("b"), T0));
        assertThat(replayed.graph().specIds()).containsExactly("a", "b");
        assertThat(replayed.graph().group("b:0").dependsOn()).containsExactly("a:0");
    }
}
