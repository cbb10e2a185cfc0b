package io.slotflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.footprint.Footprint;
import io.slotflow.footprint.TokenTable;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeKind;
import io.slotflow.plan.Borrow;
import io.slotflow.plan.Command;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.WorkClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * {@link DispatchPolicy} against a brute-force oracle on small snapshots: the policy starts exactly
 * the nodes, in exactly the order, that a greedy walk over the documented rules (docs/concepts.md,
 * "The dispatch policy" and "Backfill") starts, and marks as borrowed exactly the starts beyond a
 * quota. So every start it makes is allowed by the rules, and no start the rules allow is missed in
 * rank order. The oracle shares no code with the filters: it keeps its own footprints, counts and
 * forecast, and reads only the generated case.
 *
 * <p>The oracle walks the ready nodes in the documented order — nodes that waited longer than their
 * class's aging time first, oldest first (then first ready); then by class rank; within a class the
 * longest critical path, the earlier spec, the first ready (or, for {@code FIRST_READY}, the
 * earliest ready, then first ready) — and starts each node that every rule allows given the
 * running nodes and the nodes it already started:
 *
 * <ul>
 *   <li>wave mode: nothing starts while a node of the snapshot runs;</li>
 *   <li>a free slot: fewer than K running plus started;</li>
 *   <li>quota: the class holds (running plus started) fewer than its quota, or it borrows: the class
 *       is {@code backfill}, the snapshot is quiet, no node of a higher-ranked class still waits
 *       (ready and not started), and the node's estimate ends no later than the forecast need;</li>
 *   <li>lazy hold (lazy nodes of a class holding at least its reserve): the snapshot is quiet, no
 *       waiting higher-ranked node whose class is below its quota is free of conflicts with the
 *       running and started nodes, and the node conflicts with no waiting higher-ranked node;</li>
 *   <li>reserve: after taking the slot, the free slots still cover every other class's unmet reserve
 *       (reserve minus holding), counting only classes with waiting nodes;</li>
 *   <li>footprints: no conflict with a running or started node (a shared token that one of the two
 *       writes; a node without footprint conflicts with every node).</li>
 * </ul>
 *
 * The forecast, restated from "Backfill": every running session ends at its expected end (now if
 * past it) and releases its higher-ranked dependents; a node started in this decision ends after
 * its estimate and releases nothing. The slot is needed at the first end time t at which
 * (free slots after the loan) + (sessions ended by t) − (higher-ranked nodes released by t) drops
 * below zero; never when it does not.
 *
 * Where the docs leave a word open, the oracle reads it as the decision in progress sees it: "ready"
 * higher-ranked work (for a loan, for a lazy hold) is ready and not started by this decision, and a
 * "running" footprint is that of a running node or one started by this decision.
 *
 * <p>Covered: rolling and wave mode, 1–4 slots with fewer than K running, two classes of distinct
 * ranks (implementation and review) with generated quotas (0–4), reserves (0–2), aging times and
 * borrow settings, both queue orders, quiet or not, eager and lazy nodes of either class, footprints
 * over four tokens (reads, one write, or none), running nodes with expected ends (some already past)
 * and the classes they release, estimates of whole seconds. A second property draws snapshots in
 * which only reviews are ready and review borrows at a quota of 0–1, so that loans and the forecast
 * are reached often. Left out: a pool already full (a trivial gate), more than two classes and
 * classes sharing a rank (merged bands), estimates of zero, and the wait reasons and counts (only
 * the starts, their order and their loans are compared).
 */
class DispatchPolicyOracleTest {

    private static final long U = 1000;
    private static final long NOW = 10 * U;
    private static final String[] TOKENS = {"a", "b", "c", "d"};

    /** A footprint as the oracle sees it; both sets empty means none declared (catch-all). */
    record Fp(Set<String> reads, Set<String> writes) {
        boolean none() {
            return reads.isEmpty() && writes.isEmpty();
        }

        boolean conflicts(Fp other) {
            if (none() || other.none()) {
                return true;
            }
            for (String t : TOKENS) {
                boolean mine = reads.contains(t) || writes.contains(t);
                boolean theirs = other.reads.contains(t) || other.writes.contains(t);
                if (mine && theirs && (writes.contains(t) || other.writes.contains(t))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return none() ? "none" : "r" + reads + "w" + writes;
        }
    }

    record Ready(int cls, boolean lazy, int readyAtU, int bottomLevel, int specOrder, int estimateU, Fp fp) {
    }

    record Running(int cls, int endOffsetU, List<Integer> releases, Fp fp) {
    }

    record ClassSpec(int quota, int reserve, int agingU, Borrow borrow) {
    }

    record Case(DispatchMode mode, int slots, ClassSpec impl, ClassSpec review, QueueOrder order, boolean quiet,
            List<Running> running, List<Ready> ready) {

        ClassSpec cls(int c) {
            return c == 0 ? impl : review;
        }

        /** The running nodes: fewer than K, so the decision has a slot to give (a full pool is trivial). */
        List<Running> runningNodes() {
            return running.subList(0, Math.min(slots - 1, running.size()));
        }
    }

    /** A start: the ready node's id, and whether it borrowed a slot beyond its class's quota. */
    record Start(String id, boolean borrowed) {
    }

    /** Any snapshot of the covered kinds. */
    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> quota = Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(3, 1), Tuple.of(2, 2),
                Tuple.of(2, 3), Tuple.of(3, 4));
        Arbitrary<ClassSpec> classSpec = classSpec(quota, Arbitraries.of(Borrow.class));
        // reviews more often than implementation work: a loan needs no implementation work waiting
        Arbitrary<Integer> readyCls = Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(2, 1));
        return cases(Arbitraries.frequency(Tuple.of(4, DispatchMode.ROLLING), Tuple.of(1, DispatchMode.WAVE)),
                classSpec, classSpec, readyCls);
    }

    /**
     * Snapshots where reviews may borrow: only reviews are ready, their class borrows and is at or
     * near its quota, so the forecast decides (running nodes release implementation work).
     */
    @Provide
    Arbitrary<Case> loans() {
        Arbitrary<ClassSpec> impl = classSpec(Arbitraries.integers().between(0, 4), Arbitraries.of(Borrow.class));
        Arbitrary<ClassSpec> review =
                classSpec(Arbitraries.integers().between(0, 1), Arbitraries.just(Borrow.BACKFILL));
        return cases(Arbitraries.just(DispatchMode.ROLLING), impl, review, Arbitraries.just(1));
    }

    private static Arbitrary<ClassSpec> classSpec(Arbitrary<Integer> quota, Arbitrary<Borrow> borrow) {
        // waited is 6..10 s: agings of 6..8 s age some nodes, an hour none
        return Combinators.combine(quota, Arbitraries.integers().between(0, 2), Arbitraries.of(6, 7, 8, 3600), borrow)
                .as(ClassSpec::new);
    }

    private static Arbitrary<Case> cases(Arbitrary<DispatchMode> mode, Arbitrary<ClassSpec> impl,
            Arbitrary<ClassSpec> review, Arbitrary<Integer> readyCls) {
        Arbitrary<Set<String>> tokens = Arbitraries.of(TOKENS).set().ofMaxSize(2);
        // few writes, or most pairs of nodes would conflict
        Arbitrary<Fp> declared = Combinators.combine(tokens, Arbitraries.of(TOKENS).set().ofMaxSize(1)).as((r, w) -> {
            Set<String> reads = new TreeSet<>(r);
            reads.removeAll(w);
            return new Fp(reads, new TreeSet<>(w));
        }).filter(f -> !f.none());
        // a node without footprint runs alone: rarer, or few nodes would ever start
        Arbitrary<Fp> fp = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(new Fp(Set.of(), Set.of()))),
                Tuple.of(6, declared));
        Arbitrary<Ready> ready = Combinators.combine(readyCls, Arbitraries.of(false, true),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1), Arbitraries.integers().between(1, 3), fp).as(Ready::new);
        // running nodes mostly release implementation work: what a review's loan must not delay
        Arbitrary<Integer> releasedCls = Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(1, 1));
        Arbitrary<Running> running = Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(-1, 3), releasedCls.list().ofMaxSize(3), fp).as(Running::new);
        return Combinators.combine(mode, Arbitraries.integers().between(1, 4), impl, review,
                Arbitraries.of(QueueOrder.class), Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)),
                running.list().ofMaxSize(2), ready.list().ofMinSize(1).ofMaxSize(6)).as(Case::new);
    }

    @Property(tries = 3000)
    void thePolicyStartsWhatTheRulesAllowInRankOrder(@ForAll("cases") Case c) {
        Decision decision = checkAgainstOracle(c);
        boolean lazyHeld = false;
        for (int cls = 0; cls < 2; cls++) {
            lazyHeld |= decision.waitingByKind(cls).containsKey(WaitKind.HELD_FOR_IDLE_SLOT);
        }
        // the cases must reach the rules that need care: several starts, lazy nodes started and held
        Statistics.label("starts").collect(decision.starts().size());
        Statistics.label("lazy started").collect(decision.starts().stream().anyMatch(n -> n.node().lazy()));
        Statistics.label("lazy held").collect(lazyHeld);
        Statistics.label("starts").coverage(cov -> cov.check(2).percentage(p -> p >= 3));
        Statistics.label("lazy started").coverage(cov -> cov.check(true).percentage(p -> p >= 5));
        Statistics.label("lazy held").coverage(cov -> cov.check(true).percentage(p -> p >= 5));
    }

    @Property(tries = 2000)
    void loansAreWhatTheForecastAllows(@ForAll("loans") Case c) {
        Decision decision = checkAgainstOracle(c);
        Statistics.label("borrowed").collect(decision.starts().stream().anyMatch(n -> decision.borrowed(n.id())));
        Statistics.label("refused: higher-ranked work due").collect(refusedAsDue(decision, c));
        Statistics.label("borrowed").coverage(cov -> cov.check(true).percentage(p -> p >= 10));
        Statistics.label("refused: higher-ranked work due").coverage(cov -> cov.check(true).percentage(p -> p >= 1));
    }

    private static Decision checkAgainstOracle(Case c) {
        Decision decision = new DispatchPolicy().decide(snapshot(c));
        List<Start> actual = decision.starts().stream()
                .map(n -> new Start(n.id(), decision.borrowed(n.id()))).toList();
        assertThat(actual).as("policy starts vs oracle for %s", c).isEqualTo(oracle(c));
        return decision;
    }

    private static boolean refusedAsDue(Decision decision, Case c) {
        for (int i = 0; i < c.ready().size(); i++) {
            if (decision.reasonFor(id(i), c.ready().get(i).cls()) instanceof WaitReason.ClassQuota q
                    && q.noLoan() == LoanRefusal.HIGHER_RANK_DUE) {
                return true;
            }
        }
        return false;
    }

    // ---- the oracle ----------------------------------------------------------------------------

    private static List<Start> oracle(Case c) {
        List<Running> running = c.runningNodes();
        List<Integer> order = documentedOrder(c);
        List<Integer> started = new ArrayList<>();
        List<Start> starts = new ArrayList<>();
        for (int i : order) {
            Ready n = c.ready().get(i);
            int held = holding(c, running, started, n.cls());
            boolean beyondQuota = held >= c.cls(n.cls()).quota();
            if (allowed(c, running, started, i)) {
                started.add(i);
                starts.add(new Start(id(i), beyondQuota));
            }
        }
        return starts;
    }

    private static List<Integer> documentedOrder(Case c) {
        List<Integer> aged = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < c.ready().size(); i++) {
            Ready n = c.ready().get(i);
            long waited = NOW - n.readyAtU() * U;
            (waited > c.cls(n.cls()).agingU() * U ? aged : rest).add(i);
        }
        // the index is the sequence: the order in which the nodes were added to the queue
        aged.sort(Comparator.<Integer>comparingInt(i -> c.ready().get(i).readyAtU()).thenComparingInt(i -> i));
        Comparator<Integer> withinClass = c.order() == QueueOrder.FIRST_READY
                ? Comparator.<Integer>comparingInt(i -> c.ready().get(i).readyAtU()).thenComparingInt(i -> i)
                : Comparator.<Integer>comparingInt(i -> -c.ready().get(i).bottomLevel())
                        .thenComparingInt(i -> c.ready().get(i).specOrder()).thenComparingInt(i -> i);
        // class index is the rank: implementation 0, review 1
        rest.sort(Comparator.<Integer>comparingInt(i -> c.ready().get(i).cls()).thenComparing(withinClass));
        List<Integer> all = new ArrayList<>(aged);
        all.addAll(rest);
        return all;
    }

    private static boolean allowed(Case c, List<Running> running, List<Integer> started, int i) {
        Ready n = c.ready().get(i);
        int free = c.slots() - running.size() - started.size();
        if (c.mode() == DispatchMode.WAVE && !running.isEmpty()) {
            return false;
        }
        if (free <= 0) {
            return false;
        }
        int held = holding(c, running, started, n.cls());
        if (held >= c.cls(n.cls()).quota() && !mayBorrow(c, running, started, n, free)) {
            return false;
        }
        if (n.lazy() && held >= c.cls(n.cls()).reserve() && isHeld(c, running, started, n)) {
            return false;
        }
        int owed = 0;
        for (int other = 0; other < 2; other++) {
            if (other != n.cls() && waiting(c, started, other).size() > 0) {
                owed += Math.max(0, c.cls(other).reserve() - holding(c, running, started, other));
            }
        }
        if (free - 1 < owed) {
            return false;
        }
        return !conflictsWithHolders(c, running, started, n.fp());
    }

    private static boolean mayBorrow(Case c, List<Running> running, List<Integer> started, Ready n, int free) {
        if (c.cls(n.cls()).borrow() != Borrow.BACKFILL || !c.quiet()) {
            return false;
        }
        for (int h = 0; h < n.cls(); h++) {
            if (!waiting(c, started, h).isEmpty()) {
                return false;
            }
        }
        // the forecast: (end time, higher-ranked nodes it releases)
        List<long[]> ends = new ArrayList<>();
        for (Running r : running) {
            long higher = r.releases().stream().filter(rc -> rc < n.cls()).count();
            ends.add(new long[] {Math.max(NOW, NOW + r.endOffsetU() * U), higher});
        }
        for (int s : started) {
            ends.add(new long[] {NOW + c.ready().get(s).estimateU() * U, 0});
        }
        long needAt = Long.MAX_VALUE;
        for (long[] candidate : ends) {
            long t = candidate[0];
            long ended = ends.stream().filter(e -> e[0] <= t).count();
            long released = ends.stream().filter(e -> e[0] <= t).mapToLong(e -> e[1]).sum();
            if ((free - 1) + ended - released < 0) {
                needAt = Math.min(needAt, t);
            }
        }
        return NOW + n.estimateU() * U <= needAt;
    }

    private static boolean isHeld(Case c, List<Running> running, List<Integer> started, Ready n) {
        if (!c.quiet()) {
            return true;
        }
        for (int h = 0; h < n.cls(); h++) {
            boolean belowQuota = holding(c, running, started, h) < c.cls(h).quota();
            for (Ready w : waiting(c, started, h)) {
                if (belowQuota && !conflictsWithHolders(c, running, started, w.fp())) {
                    return true;
                }
                if (n.fp().conflicts(w.fp())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int holding(Case c, List<Running> running, List<Integer> started, int cls) {
        return (int) (running.stream().filter(r -> r.cls() == cls).count()
                + started.stream().filter(s -> c.ready().get(s).cls() == cls).count());
    }

    private static List<Ready> waiting(Case c, List<Integer> started, int cls) {
        List<Ready> left = new ArrayList<>();
        for (int i = 0; i < c.ready().size(); i++) {
            if (c.ready().get(i).cls() == cls && !started.contains(i)) {
                left.add(c.ready().get(i));
            }
        }
        return left;
    }

    private static boolean conflictsWithHolders(Case c, List<Running> running, List<Integer> started, Fp fp) {
        return running.stream().anyMatch(r -> r.fp().conflicts(fp))
                || started.stream().anyMatch(s -> c.ready().get(s).fp().conflicts(fp));
    }

    // ---- the case as the policy sees it --------------------------------------------------------

    private static String id(int i) {
        return "n" + i;
    }

    private static Snapshot snapshot(Case c) {
        TokenTable tokens = new TokenTable();
        ClassTable classes = new ClassTable(List.of(workClass(WorkClass.IMPLEMENTATION, 0, c.impl()),
                workClass(WorkClass.REVIEW, 1, c.review())));
        ReadyQueue queue = new ReadyQueue(2, c.order());
        for (int i = 0; i < c.ready().size(); i++) {
            Ready n = c.ready().get(i);
            Footprint footprint = footprint(n.fp());
            NodeDef def = new NodeDef(id(i), NodeKind.GROUP, "s", classes.name(n.cls()), footprint,
                    Command.of("true"), Duration.ofMillis(n.estimateU() * U), null, List.of(), List.of(), List.of(),
                    n.lazy());
            queue.add(new QueuedNode(def, 1, n.cls(), n.readyAtU() * U, n.bottomLevel(), n.specOrder(),
                    queue.nextSequence(), tokens.compile(footprint)));
        }
        List<RunningNode> running = new ArrayList<>();
        List<Running> held = c.runningNodes();
        for (int i = 0; i < held.size(); i++) {
            Running r = held.get(i);
            running.add(new RunningNode("x" + i, r.cls(), tokens.compile(footprint(r.fp())),
                    NOW + r.endOffsetU() * U, r.releases()));
        }
        return new Snapshot(c.mode(), c.slots(), classes, queue, running, NOW, c.quiet());
    }

    private static WorkClass workClass(String name, int rank, ClassSpec spec) {
        return new WorkClass(name, rank, spec.quota(), spec.reserve(), Duration.ofHours(1), null, 2,
                Duration.ofMillis(spec.agingU() * U), spec.borrow());
    }

    private static Footprint footprint(Fp fp) {
        return Footprint.of(List.copyOf(fp.reads()), List.copyOf(fp.writes()));
    }
}
