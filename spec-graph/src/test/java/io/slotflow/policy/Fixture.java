package io.slotflow.policy;

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
import java.util.List;

/**
 * Builds policy snapshots for table-driven tests: two classes, implementation (index 0) and
 * review (index 1), with the quotas, reserves and aging each case gives.
 */
final class Fixture {

    static final int IMPL = 0;
    static final int REVIEW = 1;

    private final TokenTable tokens = new TokenTable();
    private int slots = 3;
    private DispatchMode mode = DispatchMode.ROLLING;
    private int implQuota = 3;
    private int reviewQuota = 3;
    private int implReserve;
    private int reviewReserve;
    private Duration aging = Duration.ofHours(1);
    private long now = 1_000_000;
    private boolean quiet = true;
    private Borrow reviewBorrow = Borrow.NEVER;
    private final List<Object[]> ready = new ArrayList<>();
    private final List<RunningNode> running = new ArrayList<>();

    static Fixture slots(int k) {
        Fixture f = new Fixture();
        f.slots = k;
        f.implQuota = k;
        f.reviewQuota = k;
        return f;
    }

    /** Reviews borrow idle slots beyond their quota (backfill). */
    Fixture backfill() {
        reviewBorrow = Borrow.BACKFILL;
        return this;
    }

    /**
     * A running node expected to end at {@code endMillis} whose success makes nodes of the classes in
     * {@code releases} ready.
     */
    Fixture runningUntil(String id, int classIndex, long endMillis, List<Integer> releases, String... writes) {
        running.add(new RunningNode(id, classIndex, tokens.compile(Footprint.of(List.of(), List.of(writes))),
                endMillis, releases));
        return this;
    }

    /** A ready node with an estimate (the others are estimated at a minute). */
    Fixture readyFor(String id, int classIndex, long estimateMillis, String... writes) {
        ready.add(new Object[] {id, classIndex, 0L, 0L, 0, List.of(writes), List.of(), false, estimateMillis});
        return this;
    }

    Fixture wave() {
        mode = DispatchMode.WAVE;
        return this;
    }

    Fixture quotas(int impl, int review) {
        implQuota = impl;
        reviewQuota = review;
        return this;
    }

    Fixture reserves(int impl, int review) {
        implReserve = impl;
        reviewReserve = review;
        return this;
    }

    Fixture aging(Duration d) {
        aging = d;
        return this;
    }

    Fixture now(long millis) {
        now = millis;
        return this;
    }

    /** A session just finished and its owner has not answered yet. */
    Fixture unsettled() {
        quiet = false;
        return this;
    }

    /** A lazy node (a lazy review): it may only take a slot that would otherwise sit idle. */
    Fixture readyLazy(String id, int classIndex, String... writes) {
        ready.add(new Object[] {id, classIndex, 0L, 0L, 0, List.of(writes), List.of(), true});
        return this;
    }

    /** A ready node: id, class, ready time, bottom level, spec order, footprint writes (none = catch-all). */
    Fixture ready(String id, int classIndex, long readyAt, long bottomLevel, int specOrder, String... writes) {
        ready.add(new Object[] {id, classIndex, readyAt, bottomLevel, specOrder, List.of(writes), List.of()});
        return this;
    }

    Fixture readyReading(String id, int classIndex, String... reads) {
        ready.add(new Object[] {id, classIndex, 0L, 0L, 0, List.of(), List.of(reads)});
        return this;
    }

    Fixture running(String id, int classIndex, String... writes) {
        running.add(new RunningNode(id, classIndex, tokens.compile(Footprint.of(List.of(), List.of(writes)))));
        return this;
    }

    Fixture runningReading(String id, int classIndex, String... reads) {
        running.add(new RunningNode(id, classIndex, tokens.compile(Footprint.of(List.of(reads), List.of()))));
        return this;
    }

    ClassTable classes() {
        return new ClassTable(List.of(
                new WorkClass(WorkClass.IMPLEMENTATION, 0, implQuota, implReserve, Duration.ofHours(1), null, 2, aging),
                new WorkClass(WorkClass.REVIEW, 1, reviewQuota, reviewReserve, Duration.ofHours(1), null, 2, aging,
                        reviewBorrow)));
    }

    Snapshot snapshot(QueueOrder order) {
        ReadyQueue queue = new ReadyQueue(2, order);
        for (Object[] r : ready) {
            @SuppressWarnings("unchecked")
            List<String> writes = (List<String>) r[5];
            @SuppressWarnings("unchecked")
            List<String> reads = (List<String>) r[6];
            Footprint footprint = Footprint.of(reads, writes);
            String cls = (int) r[1] == IMPL ? WorkClass.IMPLEMENTATION : WorkClass.REVIEW;
            boolean lazy = r.length > 7 && (boolean) r[7];
            Duration estimate = r.length > 8 ? Duration.ofMillis((long) r[8]) : Duration.ofMinutes(1);
            NodeDef def = new NodeDef((String) r[0], NodeKind.GROUP, "s", cls, footprint, Command.of("true"),
                    estimate, null, List.of(), List.of(), List.of(), lazy);
            queue.add(new QueuedNode(def, 1, (int) r[1], (long) r[2], (long) r[3], (int) r[4], queue.nextSequence(),
                    tokens.compile(footprint)));
        }
        return new Snapshot(mode, slots, classes(), queue, running, now, quiet);
    }

    Snapshot snapshot() {
        return snapshot(QueueOrder.CRITICAL_PATH_FIRST);
    }

    Decision decide() {
        return new DispatchPolicy().decide(snapshot());
    }

    static List<String> started(Decision d) {
        return d.starts().stream().map(QueuedNode::id).toList();
    }

    static String reason(Decision d, Snapshot s, String id) {
        QueuedNode node = s.ready().get(id);
        return d.reasonFor(id, node.classIndex()).describe();
    }
}
