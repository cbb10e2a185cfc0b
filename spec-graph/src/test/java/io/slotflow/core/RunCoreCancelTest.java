package io.slotflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.graph.PlanGraph;
import io.slotflow.state.ReadyNode;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An operator's cancel of one node in the run core: fenced at once, its session cancelled, its spec asked. */
class RunCoreCancelTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final String HOST = NodeDispatched.LOCAL;
    private static final Input.Flush FLUSH = new Input.Flush(Map.of(HOST, Integer.MAX_VALUE));

    /** Three independent groups on K = 1. */
    private static final PlanGraph GRAPH = PlanGraph.of(TestPlanBuilder.plan().slots(1)
            .spec("a").group("0", Duration.ofMinutes(1), List.of("a0")).group("1", Duration.ofMinutes(1), List.of("a1"))
            .group("2", Duration.ofMinutes(1), List.of("a2"))
            .build());

    private final RunCore core = new RunCore("r", GRAPH, "digest");
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

    @Test
    void aQueuedNodeLeavesTheQueueAndIsNeverDispatchedEvenWhenAnnouncedAgain() {
        begun();
        ready("a:0", "a:1");
        assertThat(started(step(FLUSH))).containsExactly("a:0");
        Step cancel = step(new Input.CancelNode("a:1", "alice", "not needed"));
        assertThat(cancel.events()).as("the spec journals the cancel, not the core").isEmpty();
        assertThat(cancel.actions()).contains(new Action.CancelAtOwner(new Owner.Spec("a"), "a:1", "alice",
                "not needed"));
        assertThat(cancel.actions()).noneMatch(a -> a instanceof Action.CancelSession);
        assertThat(core.queue().get("a:1")).isNull();
        ready("a:1", "a:2"); // an announcement that crossed the cancel
        step(new Input.SessionEnded(new SessionKey("a:0", 1), io.slotflow.event.SessionOutcome.SUCCEEDED, 0, "", T0,
                HOST));
        assertThat(started(step(FLUSH))).containsExactly("a:2");
        assertThat(journal).filteredOn(e -> e instanceof NodeDispatched d && d.node().equals("a:1")).isEmpty();
    }

    @Test
    void aRunningNodeHasItsSessionCancelledOnItsHost() {
        begun();
        ready("a:0");
        step(FLUSH);
        Step cancel = step(new Input.CancelNode("a:0", "bob", ""));
        assertThat(cancel.actions()).startsWith(new Action.CancelSession(HOST, new SessionKey("a:0", 1)),
                new Action.CancelAtOwner(new Owner.Spec("a"), "a:0", "bob", ""));
    }

    @Test
    void aReviewAnUnknownGroupOrARunNotRunningIsRefusedWithNothingJournaled() {
        record Case(String name, boolean begin, String node, Rejection kind) {
        }
        for (Case c : List.of(
                new Case("not begun", false, "a:0", Rejection.NOT_RUNNING),
                new Case("no such group", true, "a:9", Rejection.UNKNOWN),
                new Case("no such spec", true, "zz:0", Rejection.UNKNOWN),
                new Case("a review", true, "a:0:reviewer", Rejection.NODE_CONFLICT),
                new Case("a batch", true, "batch-1:reviewer", Rejection.NODE_CONFLICT))) {
            RunCore fresh = new RunCore("r", GRAPH, "digest");
            if (c.begin()) {
                fresh.handle(new Input.Start(Set.of(HOST)), T0).events().forEach(fresh::apply);
            }
            Step step = fresh.handle(new Input.CancelNode(c.node(), "eve", ""), T0);
            assertThat(step.events()).as(c.name()).isEmpty();
            assertThat(step.actions()).as(c.name()).singleElement()
                    .matches(a -> a instanceof Action.Rejected r && r.kind() == c.kind(), "rejected " + c.kind());
        }
    }
}
