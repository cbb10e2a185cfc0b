package io.slotflow.bench.peers;

import io.slotflow.bench.Dag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** The baseline: a ThreadPoolExecutor of K threads, each node submitted when its last dependency ends. No journal. */
public final class ThreadPoolPeer implements Peer {

    @Override
    public String name() {
        return "ThreadPoolExecutor (baseline)";
    }

    @Override
    public Duration run(Dag dag, int k, boolean zeroWork, Checker checker) throws Exception {
        List<List<Integer>> dependents = new ArrayList<>();
        AtomicIntegerArray unmet = new AtomicIntegerArray(dag.n());
        for (int i = 0; i < dag.n(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < dag.n(); i++) {
            unmet.set(i, dag.deps().get(i).length);
            for (int d : dag.deps().get(i)) {
                dependents.get(d).add(i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(k);
        CountDownLatch done = new CountDownLatch(dag.n());
        long start = System.nanoTime();
        class Task implements Runnable {
            final int node;

            Task(int node) {
                this.node = node;
            }

            @Override
            public void run() {
                checker.start(node);
                Checker.work(dag, node, zeroWork);
                checker.end(node);
                for (int next : dependents.get(node)) {
                    if (unmet.decrementAndGet(next) == 0) {
                        pool.execute(new Task(next));
                    }
                }
                done.countDown();
            }
        }
        for (int i = 0; i < dag.n(); i++) {
            // roots from the DAG: a live counter may already be 0 for a node a finished task released
            if (dag.deps().get(i).length == 0) {
                pool.execute(new Task(i));
            }
        }
        done.await();
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return wall;
    }
}
