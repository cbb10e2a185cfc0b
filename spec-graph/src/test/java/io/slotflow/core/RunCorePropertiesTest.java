package io.slotflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.PlanGraph;
import io.slotflow.state.ReadyNode;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The run core against hosts that repeat and reorder their reports, owners that settle follow-ups
 * out of order, and a restart that loses sessions. Every input is built from jqwik combinators, so
 * a failure shrinks to a small case.
 */
class RunCorePropertiesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String HOST = NodeDispatched.LOCAL;

    /**
     * K slots and independent groups; for every group, how often its end is reported, a key that
     * orders the reports, and (for the resume) whether it survives the restart.
     */
    record Case(int slots, List<Group> groups) {
    }

    record Group(int reports, int orderKey, Fate fate) {
    }

    /** What a session running when the engine stops is found to be on resume. */
    enum Fate { STILL_RUNNING, ENDED_UNACKNOWLEDGED, LOST }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Group> group = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 20), Arbitraries.of(Fate.class)).as(Group::new);
        return Combinators.combine(Arbitraries.integers().between(1, 4), group.list().ofMinSize(1).ofMaxSize(8))
                .as(Case::new);
    }

    private static PlanGraph graph(Case c) {
        TestPlanBuilder.SpecBuilder spec = TestPlanBuilder.plan().slots(c.slots()).spec("s");
        for (int i = 0; i < c.groups().size(); i++) {
            spec.group("g" + i, Duration.ofMinutes(1), List.of("t" + i));
        }
        return PlanGraph.of(spec.build());
    }

    /** A core with its journal: every step's events are folded and kept. */
    private static final class Driven {
        final PlanGraph graph;
        final List<RunEvent> journal = new ArrayList<>();
        final List<Action> actions = new ArrayList<>();
        RunCore core;

        Driven(PlanGraph graph) {
            this.graph = graph;
            this.core = new RunCore("r", graph, "digest");
        }

        Step step(Input input) {
            Step step = core.handle(input, T0);
            step.events().forEach(core::apply);
            journal.addAll(step.events());
            actions.addAll(step.actions());
            return step;
        }

        void begin() {
            step(new Input.Start(Set.of(HOST)));
            step(new Input.Announced(new Owner.Spec("s")));
            step(new Input.Announced(Owner.Injector.INSTANCE));
        }

        void ready(String node, int attempt) {
            step(new Input.NodesReady(List.of(new ReadyNode(graph.group(node), attempt, T0))));
        }

        void flush() {
            step(new Input.Flush(Map.of(HOST, graph.slots())));
        }

        /** A restart: a new core recovers the journal. */
        void restart() {
            core = new RunCore("r", graph, "digest");
            journal.forEach(core::apply);
            actions.clear();
        }
    }

    private static Input.SessionEnded end(String node, int attempt) {
        return new Input.SessionEnded(new SessionKey(node, attempt), SessionOutcome.SUCCEEDED, 0, "", T0, HOST);
    }

    /** Runs every group to its end, each end reported {@code reports} times, all reports of a round in key order. */
    private static void runToTheEnd(Driven d, Case c, Map<String, Integer> attempts) {
        for (int round = 0; round < 100 && !d.core.board().running().isEmpty(); round++) {
            List<Input> reports = new ArrayList<>();
            List<Integer> keys = new ArrayList<>();
            for (var s : d.core.board().running()) {
                Group g = c.groups().get(Integer.parseInt(s.node().substring(3)));
                for (int r = 0; r < g.reports(); r++) {
                    reports.add(end(s.node(), s.attempt()));
                    keys.add(g.orderKey() + r * 7);
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < reports.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing(keys::get));
            // half the reports before a flush, the rest after it: some repeats arrive once recorded
            for (int i = 0; i < order.size(); i++) {
                d.step(reports.get(order.get(i)));
                if (i == order.size() / 2) {
                    d.flush();
                }
            }
            d.flush();
        }
        attempts.keySet().forEach(n -> assertThat(d.core.board().runningNode(n)).as(n).isEmpty());
    }

    private static Map<String, Long> finishedPerNode(List<RunEvent> journal, SessionOutcome outcome) {
        return journal.stream().filter(e -> e instanceof SessionFinished f && f.outcome() == outcome)
                .collect(Collectors.groupingBy(e -> ((SessionFinished) e).node(), Collectors.counting()));
    }

    @Property(tries = 200)
    void repeatedAndReorderedEndsAreRecordedOnce(@ForAll("cases") Case c) {
        Driven d = new Driven(graph(c));
        d.begin();
        Map<String, Integer> attempts = new HashMap<>();
        for (int i = 0; i < c.groups().size(); i++) {
            d.ready("s:g" + i, 1);
            attempts.put("s:g" + i, 1);
        }
        d.flush();
        runToTheEnd(d, c, attempts);
        assertThat(finishedPerNode(d.journal, SessionOutcome.SUCCEEDED)).hasSize(c.groups().size())
                .allSatisfy((node, count) -> assertThat(count).as(node).isEqualTo(1L));
        // each end told to its owner once with a follow-up, however often it was reported
        assertThat(d.actions.stream().filter(a -> a instanceof Action.ToOwner t && t.followUp().isPresent()))
                .hasSize(c.groups().size());
    }

    @Property(tries = 200)
    void followUpsSettledInAnyOrderLeaveTheRunQuiet(@ForAll("cases") Case c) {
        Driven d = new Driven(graph(c));
        d.begin();
        Map<String, Integer> attempts = new HashMap<>();
        for (int i = 0; i < c.groups().size(); i++) {
            d.ready("s:g" + i, 1);
            attempts.put("s:g" + i, 1);
        }
        d.flush();
        runToTheEnd(d, c, attempts);
        // every owner settles its follow-up naming one it sent on, and that one settles too; all in key order
        List<FollowUp> opened = d.actions.stream().filter(a -> a instanceof Action.ToOwner t && t.followUp().isPresent())
                .map(a -> ((Action.ToOwner) a).followUp().orElseThrow()).toList();
        List<Input.Settled> settlements = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < opened.size(); i++) {
            FollowUp outcome = opened.get(i);
            FollowUp onward = outcome.then("review injector");
            int key = c.groups().get(i % c.groups().size()).orderKey();
            settlements.add(new Input.Settled(outcome, List.of(onward)));
            keys.add(key);
            settlements.add(new Input.Settled(onward, List.of()));
            keys.add(20 - key);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < settlements.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(keys::get));
        for (int i = 0; i < order.size(); i++) {
            assertThat(d.core.isQuiet()).as("quiet after %d of %d settlements", i, order.size()).isFalse();
            d.step(settlements.get(order.get(i)));
        }
        assertThat(d.core.isQuiet()).isTrue();
    }

    @Property(tries = 200)
    void aResumeWithLostSessionsFinishesEveryNodeExactlyOnce(@ForAll("cases") Case c) {
        Driven d = new Driven(graph(c));
        d.begin();
        Map<String, Integer> attempts = new HashMap<>();
        for (int i = 0; i < c.groups().size(); i++) {
            d.ready("s:g" + i, 1);
            attempts.put("s:g" + i, 1);
        }
        d.flush();
        // the engine stops while the first K sessions run; the host kept some, saw some end, lost the rest
        List<SessionKey> running = d.core.board().running().stream()
                .map(s -> new SessionKey(s.node(), s.attempt())).toList();
        Set<SessionKey> stillRunning = new java.util.HashSet<>();
        List<Input.SessionEnded> endedMeanwhile = new ArrayList<>();
        for (SessionKey s : running) {
            Fate fate = c.groups().get(Integer.parseInt(s.node().substring(3))).fate();
            if (fate == Fate.STILL_RUNNING) {
                stillRunning.add(s);
            } else if (fate == Fate.ENDED_UNACKNOWLEDGED) {
                endedMeanwhile.add(end(s.node(), s.attempt()));
            }
        }
        d.restart();
        d.step(new Input.Start(Set.of(HOST)));
        d.step(new Input.LiveSessions(HOST, stillRunning, endedMeanwhile));
        // the owner re-announces what is ready: a new attempt of each lost node, the nodes never started
        Map<String, SessionOutcome> recorded = new HashMap<>();
        d.journal.stream().filter(e -> e instanceof SessionFinished).map(e -> (SessionFinished) e)
                .forEach(f -> recorded.put(f.node(), f.outcome()));
        for (int i = 0; i < c.groups().size(); i++) {
            String node = "s:g" + i;
            if (recorded.get(node) == SessionOutcome.LOST) {
                attempts.put(node, 2);
                d.ready(node, 2);
            } else if (!recorded.containsKey(node) && d.core.board().runningNode(node).isEmpty()) {
                d.ready(node, 1);
            }
        }
        d.step(new Input.Announced(new Owner.Spec("s")));
        d.step(new Input.Announced(Owner.Injector.INSTANCE));
        d.flush();
        runToTheEnd(d, c, attempts);
        assertThat(finishedPerNode(d.journal, SessionOutcome.SUCCEEDED)).hasSize(c.groups().size())
                .allSatisfy((node, count) -> assertThat(count).as(node).isEqualTo(1L));
        assertThat(d.journal.stream().filter(e -> e instanceof SessionFinished).map(e -> (SessionFinished) e)
                .collect(Collectors.groupingBy(f -> new SessionKey(f.node(), f.attempt()), Collectors.counting())))
                .allSatisfy((session, count) -> assertThat(count).as(session.toString()).isEqualTo(1L));
    }
}
