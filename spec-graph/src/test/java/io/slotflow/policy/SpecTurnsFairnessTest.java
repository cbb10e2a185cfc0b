package io.slotflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.footprint.TokenTable;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Plan;
import io.slotflow.plan.SpecTurns;
import io.slotflow.testing.PlanArbitraries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Fair turns across specs, checked on every decision over random plans (quotas, reserves, footprints
 * that conflict, both borrow settings): a spec that got a slot never ends the decision with more than
 * one session beyond a spec of the same rank whose ready node was left waiting for want of a slot.
 * Nodes held back by a rule (a footprint conflict, a quota) do not count as waiting for a turn: the
 * policy stays work-conserving and lets others take the slot.
 */
class SpecTurnsFairnessTest {

    /** A plan's groups, the first {@code running} of them holding slots and the rest ready at once. */
    record Case(Plan plan, int running) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return PlanArbitraries.plans().flatMap(plan -> Arbitraries.integers().between(0, plan.run().slots() - 1)
                .map(running -> new Case(plan, running)));
    }

    @Property(tries = 1000)
    void noSpecTakesMoreThanItsTurnWhileAnotherWaits(@ForAll("cases") Case c) {
        PlanGraph graph = PlanGraph.of(c.plan());
        ClassTable classes = new ClassTable(graph.workClasses());
        TokenTable tokens = new TokenTable();
        ReadyQueue queue = new ReadyQueue(classes.size(), QueueOrder.CRITICAL_PATH_FIRST);
        List<RunningNode> running = new ArrayList<>();
        List<NodeDef> nodes = graph.groupNodes();
        for (int i = 0; i < nodes.size(); i++) {
            NodeDef n = nodes.get(i);
            int cls = classes.indexOf(n.workClass());
            if (i < c.running()) {
                running.add(new RunningNode(n.id(), cls, tokens.compile(n.footprint())));
            } else {
                // all ready now: no node has aged
                queue.add(new QueuedNode(n, 1, cls, 0, graph.bottomLevelMillis(n.id()), graph.specOrder(n.spec()),
                        queue.nextSequence(), tokens.compile(n.footprint())));
            }
        }
        Snapshot snapshot = new Snapshot(c.plan().run().dispatch(), c.plan().run().slots(), classes, queue, running,
                0, true, CategoryUse.NONE, ResourceUse.NONE, SpecTurns.ROUND_ROBIN);
        Decision decision = new DispatchPolicy().decide(snapshot);

        Map<String, Integer> sessions = new HashMap<>();
        running.forEach(r -> sessions.merge(r.id().substring(0, r.id().indexOf(':')), 1, Integer::sum));
        Set<String> startedSpecs = new HashSet<>();
        for (QueuedNode s : decision.starts()) {
            sessions.merge(s.node().spec(), 1, Integer::sum);
            startedSpecs.add(s.node().spec());
        }
        Set<String> starved = new HashSet<>();
        for (QueuedNode n : queue.oldestFirst()) {
            if (!decision.starts().contains(n)
                    && decision.reasonFor(n.id(), n.classIndex()).kind() == WaitKind.NO_FREE_SLOT) {
                starved.add(n.node().spec());
            }
        }
        for (String s : startedSpecs) {
            for (String t : starved) {
                assertThat(sessions.get(s)).as("spec %s got a slot while spec %s waited for one", s, t)
                        .isLessThanOrEqualTo(sessions.getOrDefault(t, 0) + 1);
            }
        }
        Statistics.label("a spec waited for a slot while another started").collect(
                !starved.isEmpty() && !startedSpecs.isEmpty());
        Statistics.label("a spec waited for a slot while another started")
                .coverage(cov -> cov.check(true).percentage(p -> p >= 10));
    }
}
