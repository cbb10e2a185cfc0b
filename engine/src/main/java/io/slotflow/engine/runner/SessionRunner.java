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
