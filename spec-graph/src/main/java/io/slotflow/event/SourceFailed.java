package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A work source's run failed: it exited non-zero, timed out, or could not start. Retried after a
 * backoff that doubles with each failure in a row, until the source's {@code retries} are spent.
 *
 * @param source the source's name
 * @param run which of its runs failed
 * @param reason why, in one line ("exit 3: …", "timed out after 30s")
 * @param retryAt when the source runs again; empty when it is given up
 */
@EventType(name = "source-failed", version = 1)
public record SourceFailed(String source, int run, String reason, Optional<Instant> retryAt, Instant at)
        implements RunEvent {

    public SourceFailed {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        retryAt = retryAt == null ? Optional.empty() : retryAt;
    }
}
