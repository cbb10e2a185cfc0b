package io.slotflow.engine;

import io.slotflow.engine.runner.SessionHandle;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.event.SessionOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import io.slotflow.graph.NodeDef;

/** In-JVM session runners for engine tests: no processes, durations scaled from the estimates. */
final class TestRunners {

    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "test-sessions");
        t.setDaemon(true);
        return t;
    });

    private TestRunners() {
    }

    /** Every session succeeds at once. */
    static SessionRunner instant() {
        return SessionRunner.of(request -> CompletableFuture.completedFuture(SessionResult.succeeded()));
    }

    /** Each session takes its estimate times {@code scale} and ends as {@code outcome} says. */
    static SessionRunner scaled(double scale, BiFunction<NodeDef, Integer, SessionOutcome> outcome) {
        return request -> {
            CompletableFuture<SessionResult> result = new CompletableFuture<>();
            long millis = Math.round(request.node().estimate().toMillis() * scale);
            var future = TIMER.schedule(() -> result.complete(
                    new SessionResult(outcome.apply(request.node(), request.attempt()), null, "")),
                    millis, TimeUnit.MILLISECONDS);
            return new SessionHandle() {
                @Override
                public CompletionStage<SessionResult> result() {
                    return result;
                }

                @Override
                public void cancel() {
                    future.cancel(false);
                    result.complete(SessionResult.failed("cancelled"));
                }
            };
        };
    }

    static SessionRunner scaled(double scale) {
        return scaled(scale, (node, attempt) -> SessionOutcome.SUCCEEDED);
    }

    static Duration await() {
        return Duration.ofSeconds(60);
    }
}
