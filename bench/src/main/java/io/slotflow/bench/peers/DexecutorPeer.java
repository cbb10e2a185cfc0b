package io.slotflow.bench.peers;

import com.github.dexecutor.core.DefaultDexecutor;
import com.github.dexecutor.core.DexecutorConfig;
import com.github.dexecutor.core.ExecutionConfig;
import com.github.dexecutor.core.task.Task;
import com.github.dexecutor.core.task.TaskProvider;
import io.slotflow.bench.Dag;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Dexecutor: a DAG executor on an ExecutorService of K threads. No journal. */
public final class DexecutorPeer implements Peer {

    @Override
    public String name() {
        return "Dexecutor 2.1.2";
    }

    @Override
    public Duration run(Dag dag, int k, boolean zeroWork, Checker checker) {
        ExecutorService pool = Executors.newFixedThreadPool(k);
        TaskProvider<Integer, Integer> tasks = id -> new Task<>() {
            @Override
            public Integer execute() {
                checker.start(id);
                Checker.work(dag, id, zeroWork);
                checker.end(id);
                return id;
            }
        };
        DexecutorConfig<Integer, Integer> config = new DexecutorConfig<>(pool, tasks);
        DefaultDexecutor<Integer, Integer> executor = new DefaultDexecutor<>(config);
        for (int i = 0; i < dag.n(); i++) {
            if (dag.deps().get(i).length == 0) {
                executor.addIndependent(i);
            }
            for (int d : dag.deps().get(i)) {
                executor.addDependency(d, i);
            }
        }
        long start = System.nanoTime();
        executor.execute(ExecutionConfig.TERMINATING);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdownNow();
        return wall;
    }
}
