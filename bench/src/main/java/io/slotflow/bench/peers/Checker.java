package io.slotflow.bench.peers;

import io.slotflow.bench.Dag;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Watches a peer run: every node starts after its dependencies ended, never more than K run at
 * once, and every node runs exactly once. Thread-safe; {@link #verify()} throws on the first problem.
 */
public final class Checker implements TaskWatch {

    private final Dag dag;
    private final int k;
    private final AtomicIntegerArray ended;
    private final AtomicIntegerArray started;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private volatile String problem;

    public Checker(Dag dag, int k) {
        this.dag = dag;
        this.k = k;
        this.ended = new AtomicIntegerArray(dag.n());
        this.started = new AtomicIntegerArray(dag.n());
    }

    @Override
    public void start(int node) {
        if (started.incrementAndGet(node) > 1) {
            problem = "node " + node + " started twice";
        }
        for (int dep : dag.deps().get(node)) {
            if (ended.get(dep) == 0) {
                problem = "node " + node + " started before its dependency " + dep + " ended";
            }
        }
        int now = running.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        if (now > k) {
            problem = now + " tasks ran at once, more than K = " + k;
        }
    }

    @Override
    public void end(int node) {
        running.decrementAndGet();
        ended.set(node, 1);
    }

    public void verify() {
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        for (int i = 0; i < dag.n(); i++) {
            if (ended.get(i) != 1) {
                throw new IllegalStateException("node " + i + " never ran");
            }
        }
    }

    public int peak() {
        return peak.get();
    }

    /** The work of a node, done in the calling thread: a sleep of its work time. */
    public static void work(Dag dag, int node, boolean zeroWork) {
        if (!zeroWork) {
            java.util.concurrent.locks.LockSupport.parkNanos(dag.workMicros()[node] * 1_000);
        }
    }
}
