package io.slotflow.engine.runner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The SPI an embedding application implements to run sessions its own way; {@link ProcessRunner}
 * is the built-in one. {@link #start} is called from an actor: it must not block, and it may throw
 * to say the session could not start (the attempt then fails with the exception's message).
 */
@FunctionalInterface
public interface SessionRunner {

    SessionHandle start(SessionRequest request) throws Exception;

    /**
     * Sessions must not run past {@code deadline} unless it is moved again. A cluster member's
     * session host calls it each time it renews its lease: when the member's JVM is frozen (a long
     * pause, SIGSTOP), another member re-runs its sessions once the lease has run out, so a runner
     * whose sessions would go on without the JVM must stop them by then from outside it. By default
     * nothing: sessions that live inside the JVM freeze with it.
     */
    default void runUntil(java.time.Instant deadline) {
    }

    /**
     * A runner from an asynchronous callback. Cancelling completes the result as FAILED with
     * "cancelled" (the engine records the outcome it decided, CANCELLED or TIMED_OUT) and cancels
     * the callback's future.
     */
    static SessionRunner of(Function<SessionRequest, CompletionStage<SessionResult>> callback) {
        return request -> {
            CompletableFuture<SessionResult> result = new CompletableFuture<>();
            CompletionStage<SessionResult> work = callback.apply(request);
            work.whenComplete((r, e) -> {
                if (e != null) {
                    result.complete(SessionResult.failed(e.getMessage() == null ? e.toString() : e.getMessage()));
                } else {
                    result.complete(r);
                }
            });
            return new SessionHandle() {
                @Override
                public CompletionStage<SessionResult> result() {
                    return result;
                }

                @Override
                public void cancel() {
                    work.toCompletableFuture().cancel(true);
                    result.complete(SessionResult.failed("cancelled"));
                }
            };
        };
    }
}
