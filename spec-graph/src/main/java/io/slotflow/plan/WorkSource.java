package io.slotflow.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * A work source declared under {@code sources:}: a command the engine runs when its category has
 * share to spare and no ready work. It prints work items as JSON (docs/schemas/work-item-v1.json);
 * the items it prints become specs of the live run, in its category unless an item names another.
 *
 * @param name the key under {@code sources:}, named in events and reports
 * @param category the declared category it finds work for
 * @param command what to run (in the plan's directory, or {@code workdir})
 * @param timeout how long one run may take before it is killed and counted a failure
 * @param retries how many failed or rejected runs in a row are retried before the source is given up
 * @param backoff the wait before the first retry; each further one waits twice as long
 */
public record WorkSource(String name, String category, Command command, Duration timeout, int retries,
        Duration backoff) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_RETRIES = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    public WorkSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(command, "command");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        backoff = backoff == null ? DEFAULT_BACKOFF : backoff;
    }

    /** The wait before retrying after {@code failuresInARow} failed or rejected runs (1 for the first). */
    public Duration backoffAfter(int failuresInARow) {
        int doublings = Math.min(Math.max(0, failuresInARow - 1), 20);
        return backoff.multipliedBy(1L << doublings);
    }
}
