package io.slotflow.bench;

import io.slotflow.bench.peers.TaskWatch;
import io.slotflow.engine.runner.SessionHandle;
import io.slotflow.engine.runner.SessionRequest;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.engine.runner.SessionRunner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sessions in the JVM that work for the DAG's work time: none at all, or a timer. Each session's
 * body tells the watch when it starts and ends, as every peer's task body does.
 */
final class InJvmRunner implements SessionRunner {

    private final Dag dag;
    private final boolean zeroWork;
    private final TaskWatch watch;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sessions");
        t.setDaemon(true);
        return t;
    });

    InJvmRunner(Dag dag, boolean zeroWork) {
        this(dag, zeroWork, TaskWatch.NONE);
    }

    InJvmRunner(Dag dag, boolean zeroWork, TaskWatch watch) {
        this.dag = dag;
        this.zeroWork = zeroWork;
        this.watch = watch;
    }

    @Override
    public SessionHandle start(SessionRequest request) {
        int node = Dag.indexOf(request.node().id());
        watch.start(node);
        CompletableFuture<SessionResult> result = new CompletableFuture<>();
        if (zeroWork) {
            watch.end(node);
            result.complete(SessionResult.succeeded());
        } else {
            timer.schedule(() -> {
                watch.end(node);
                result.complete(SessionResult.succeeded());
            }, dag.workMicros()[node], TimeUnit.MICROSECONDS);
        }
        return new SessionHandle() {
            @Override
            public CompletionStage<SessionResult> result() {
                return result;
            }

            @Override
            public void cancel() {
                result.complete(SessionResult.failed("cancelled"));
            }
        };
    }
}
