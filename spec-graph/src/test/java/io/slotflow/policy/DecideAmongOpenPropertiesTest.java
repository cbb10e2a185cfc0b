package io.slotflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.footprint.Footprint;
import io.slotflow.footprint.FootprintLedger;
import io.slotflow.footprint.TokenTable;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeKind;
import io.slotflow.plan.Borrow;
import io.slotflow.plan.Command;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.WorkClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link DispatchPolicy#decideAmongOpen}, which walks only the ready nodes no running footprint blocks
 * and keeps which are blocked from one decision to the next, against {@link DispatchPolicy#decide},
 * which asks every node it reaches, over generated histories of one queue: nodes queued and removed,
 * sessions started (a decision's own starts, or others) and ended, and a decision after every step.
 * After each step both decide on the same snapshot and:
 *
 * <ul>
 *   <li>start the same nodes, in the same order, with the same loans;</li>
 *   <li>a node the incremental decider calls blocked conflicts with the running node it names, and
 *       only such nodes are said to wait for a footprint conflict without having been asked;</li>
 *   <li>every other node has the same reason from both (except a node of a class that shares its
 *       rank with another, not reached before the slots were full: its class's reason may have been
 *       found on a blocked node, so it reads "no free slot", which holds too);</li>
 *   <li>as many nodes wait in all.</li>
 * </ul>
 *
 * Covered: rolling and wave mode, K 1–5, two or three classes with generated ranks (some shared),
 * quotas, reserves, agings and borrow settings, both queue orders, quiet or not, lazy and eager nodes,
 * footprints over four tokens or none (catch-all), running nodes of any class. Left out: category
 * shares and spec turns (there the incremental decider walks every node, as the reference does),
 * counted resources and category rules (filters asked before the footprint's, whose reasons the
 * reference gives a blocked node).
 */
class DecideAmongOpenPropertiesTest {

    private static final long NOW = 100_000;
    private static final String[] TOKENS = {"a", "b", "c", "d"};

    record ClassSpec(int rank, int quota, int reserve, int agingS, Borrow borrow) {
    }

    record Node(int cls, boolean lazy, int readyAtS, int bottomLevel, int specOrder, int estimateS, Footprint fp) {
    }

    sealed interface Step {
    }

    record Queue(Node node) implements Step {
    }

    record Unqueue(int pick) implements Step {
    }

    record RunOther(int cls, Footprint fp) implements Step {
    }

    record End(int pick) implements Step {
    }

    /** Decide, and make the decision's starts run (as the slot manager does) or not. */
    record Decide(boolean startThem, boolean quiet) implements Step {
    }

    record Case(DispatchMode mode, int slots, List<ClassSpec> classes, QueueOrder order, List<Step> steps) {
    }

    @Provide
    Arbitrary<Case> histories() {
        Arbitrary<Footprint> declared = Combinators.combine(Arbitraries.of(TOKENS).set().ofMaxSize(2),
                Arbitraries.of(TOKENS).set().ofMaxSize(1)).as((r, w) -> {
                    Set<String> reads = new TreeSet<>(r);
                    reads.removeAll(w);
                    return Footprint.of(List.copyOf(reads), List.copyOf(w));
                });
        Arbitrary<Footprint> fp = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Footprint.catchAll())),
                Tuple.of(8, declared));
        Arbitrary<ClassSpec> cls = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 2),
                Arbitraries.of(30, 60, 3600), Arbitraries.of(Borrow.class)).as(ClassSpec::new);
        Arbitrary<List<ClassSpec>> classes = cls.list().ofMinSize(2).ofMaxSize(3);
        return classes.flatMap(cs -> {
            Arbitrary<Integer> clsIndex = Arbitraries.integers().between(0, cs.size() - 1);
            Arbitrary<Node> node = Combinators.combine(clsIndex, Arbitraries.of(false, false, true),
                    Arbitraries.integers().between(0, 90), Arbitraries.integers().between(0, 3),
                    Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 60), fp).as(Node::new);
            Arbitrary<Step> step = Arbitraries.frequencyOf(
                    Tuple.of(6, node.map(Queue::new)),
                    Tuple.of(1, Arbitraries.integers().between(0, 20).map(Unqueue::new)),
                    Tuple.of(1, Combinators.combine(clsIndex, fp).as(RunOther::new)),
                    Tuple.of(3, Arbitraries.integers().between(0, 20).map(End::new)),
                    Tuple.of(3, Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.of(true, true, false))
                            .as(Decide::new)));
            return Combinators.combine(
                    Arbitraries.frequency(Tuple.of(5, DispatchMode.ROLLING), Tuple.of(1, DispatchMode.WAVE)),
                    Arbitraries.integers().between(1, 5), Arbitraries.just(cs), Arbitraries.of(QueueOrder.class),
                    step.list().ofMinSize(1).ofMaxSize(40)).as(Case::new);
        });
    }

    @Property(tries = 1000)
    void decidingAmongOpenNodesStartsWhatDecidingOverAllDoes(@ForAll("histories") Case c) {
        TokenTable tokens = new TokenTable();
        List<WorkClass> workClasses = new ArrayList<>();
        for (int i = 0; i < c.classes().size(); i++) {
            ClassSpec s = c.classes().get(i);
            workClasses.add(new WorkClass("c" + i, s.rank(), s.quota(), s.reserve(), Duration.ofHours(1), null, 2,
                    Duration.ofSeconds(s.agingS()), s.borrow()));
        }
        ClassTable classes = new ClassTable(workClasses);
        ReadyQueue queue = new ReadyQueue(classes.size(), c.order());
        DispatchPolicy policy = new DispatchPolicy();
        Map<String, RunningNode> running = new LinkedHashMap<>();
        int made = 0;
        int blockedSeen = 0;
        for (Step step : c.steps()) {
            boolean decide = true;
            boolean startThem = false;
            boolean quiet = true;
            if (step instanceof Queue q) {
                Node n = q.node();
                NodeDef def = new NodeDef("n" + made++, NodeKind.GROUP, "s" + n.specOrder(), classes.name(n.cls()),
                        n.fp(), Command.of("true"), Duration.ofSeconds(n.estimateS()), null, List.of(), List.of(),
                        List.of(), n.lazy());
                queue.add(new QueuedNode(def, 1, n.cls(), NOW - n.readyAtS() * 1000L, n.bottomLevel(), n.specOrder(),
                        queue.nextSequence(), tokens.compile(n.fp())));
            } else if (step instanceof Unqueue u && queue.size() > 0) {
                List<QueuedNode> all = new ArrayList<>();
                queue.oldestFirst().forEach(all::add);
                queue.remove(all.get(u.pick() % all.size()).id());
            } else if (step instanceof RunOther r) {
                String id = "r" + made++;
                running.put(id, new RunningNode(id, r.cls(), tokens.compile(r.fp()), NOW + 5_000, List.of()));
            } else if (step instanceof End e && !running.isEmpty()) {
                running.remove(new ArrayList<>(running.keySet()).get(e.pick() % running.size()));
            } else if (step instanceof Decide d) {
                startThem = d.startThem();
                quiet = d.quiet();
            } else {
                decide = false;
            }
            if (!decide) {
                continue;
            }
            Snapshot snapshot = new Snapshot(c.mode(), c.slots(), classes, queue, List.copyOf(running.values()), NOW,
                    quiet);
            Decision reference = policy.decide(snapshot);
            Decision incremental = policy.decideAmongOpen(snapshot);
            blockedSeen += compare(reference, incremental, snapshot, classes);
            if (startThem) {
                for (QueuedNode s : incremental.starts()) {
                    queue.remove(s.id());
                    running.put(s.id(), new RunningNode(s.id(), s.classIndex(), s.footprint(),
                            NOW + s.node().estimate().toMillis(), List.of()));
                }
            }
        }
        Statistics.label("blocked nodes seen").collect(blockedSeen > 0);
        Statistics.label("blocked nodes seen").coverage(cov -> cov.check(true).percentage(p -> p >= 30));
    }

    /** The checks above; returns how many nodes the incremental decider found blocked. */
    private static int compare(Decision reference, Decision incremental, Snapshot snapshot, ClassTable classes) {
        assertThat(ids(incremental.starts())).as("starts").isEqualTo(ids(reference.starts()));
        for (QueuedNode s : reference.starts()) {
            assertThat(incremental.borrowed(s.id())).as("loan of %s", s.id()).isEqualTo(reference.borrowed(s.id()));
        }
        Set<String> started = new java.util.HashSet<>(ids(reference.starts()));
        int blocked = 0;
        for (QueuedNode node : snapshot.ready().oldestFirst()) {
            if (started.contains(node.id())) {
                continue;
            }
            WaitReason mine = incremental.reasonFor(node.id(), node.classIndex());
            java.util.Optional<String> blocker = snapshot.ready().blocker(node.id());
            if (blocker.isPresent()) {
                blocked++;
                assertThat(mine).isEqualTo(new WaitReason.FootprintConflict(blocker.get()));
                RunningNode holder = snapshot.running().stream().filter(r -> r.id().equals(blocker.get())).findFirst()
                        .orElseThrow(() -> new AssertionError(node.id() + " blocked by " + blocker.get()
                                + ", which does not run"));
                FootprintLedger ledger = new FootprintLedger();
                ledger.acquire(holder.id(), holder.footprint());
                assertThat(ledger.holderOfConflict(node.footprint())).as("%s conflicts with %s", node.id(), holder.id())
                        .isPresent();
                continue;
            }
            FootprintLedger all = new FootprintLedger();
            snapshot.running().forEach(r -> all.acquire(r.id(), r.footprint()));
            assertThat(all.holderOfConflict(node.footprint())).as("%s is open but a running node blocks it", node.id())
                    .isEmpty();
            WaitReason theirs = reference.reasonFor(node.id(), node.classIndex());
            if (!mine.equals(theirs) && sharesItsRank(node.classIndex(), classes)
                    && !incremental.examined().containsKey(node.id())) {
                assertThat(mine).as("reason of %s (reference: %s)", node.id(), theirs)
                        .isEqualTo(WaitReason.NoFreeSlot.INSTANCE);
                assertThat(incremental.idleSlots()).isZero();
                continue;
            }
            assertThat(mine).as("reason of %s", node.id()).isEqualTo(theirs);
        }
        for (int cls = 0; cls < classes.size(); cls++) {
            int mineWaiting = incremental.waitingByKind(cls).values().stream().mapToInt(Integer::intValue).sum();
            int theirsWaiting = reference.waitingByKind(cls).values().stream().mapToInt(Integer::intValue).sum();
            assertThat(mineWaiting).as("waiting in class %d", cls).isEqualTo(theirsWaiting);
        }
        return blocked;
    }

    private static boolean sharesItsRank(int cls, ClassTable classes) {
        for (int other = 0; other < classes.size(); other++) {
            if (other != cls && classes.rank(other) == classes.rank(cls)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> ids(List<QueuedNode> nodes) {
        return nodes.stream().map(QueuedNode::id).toList();
    }
}
