package io.slotflow.bench;

import io.slotflow.engine.runner.SessionHandle;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.engine.runner.SessionRunner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Sessions in the JVM that work for the DAG's work time: none at all, or a timer. */
final class InJvmRunner implements SessionRunner {

    private static final SessionHandle DONE = new SessionHandle() {
        private final CompletionStage<SessionResult> result = CompletableFuture.completedFuture(SessionResult.succeeded());

        @Override
        public CompletionStage<SessionResult> result() {
            return result;
        }

        @Override
        public void cancel() {
        }
    };

    private final Dag dag;
    private final boolean zeroWork;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sessions");
        t.setDaemon(true);
        return t;
    });

    InJvmRunner(Dag dag, boolean zeroWork) {
        this.dag = dag;
        this.zeroWork = zeroWork;
    }

    @Override
    public SessionHandle start(io.slotflow.engine.runner.SessionRequest request) {
        if (zeroWork) {
            return DONE;
        }
        CompletableFuture<SessionResult> result = new CompletableFuture<>();
        timer.schedule(() -> result.complete(SessionResult.succeeded()),
                dag.workMicros()[Dag.indexOf(request.node().id())], TimeUnit.MICROSECONDS);
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
