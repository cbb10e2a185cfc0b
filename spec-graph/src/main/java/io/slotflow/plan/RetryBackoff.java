package io.slotflow.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a class's failed node waits before its next attempt: {@code first} after the first
 * failure, doubled after each further one up to {@code max}, each wait spread by up to
 * {@code jitterPercent} either way so that retries of many nodes do not start in the same second
 * (rate-limited model APIs). {@link #NONE}: the next attempt is ready at once.
 */
public record RetryBackoff(Duration first, Duration max, int jitterPercent) {

    public static final RetryBackoff NONE = new RetryBackoff(Duration.ZERO, Duration.ZERO, 0);

    /** When only the first wait is given, the waits stop doubling at this many times it. */
    public static final int DEFAULT_MAX_FACTOR = 32;

    public static final int DEFAULT_JITTER_PERCENT = 20;

    public RetryBackoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
    }

    public boolean isNone() {
        return first.isZero();
    }

    /**
     * The wait before the attempt that follows failure number {@code failures} (from 1).
     *
     * @param uniform a value in [-1, 1] that places the wait within its jitter (drawn by the caller,
     *     who stores the result: folding never draws)
     */
    public Duration delay(int failures, double uniform) {
        if (isNone()) {
            return Duration.ZERO;
        }
        Duration base = first;
        for (int i = 1; i < failures && base.compareTo(max) < 0; i++) {
            base = base.multipliedBy(2);
        }
        base = base.compareTo(max) > 0 ? max : base;
        double spread = Math.max(-1, Math.min(1, uniform)) * jitterPercent / 100.0;
        return Duration.ofMillis(Math.round(base.toMillis() * (1 + spread)));
    }

    /** Jackson leaves {@link #NONE} out of a plan's JSON, so plans without a backoff keep their digest. */
    public static final class NoneFilter {
        @Override
        public boolean equals(Object value) {
            return value == null || (value instanceof RetryBackoff b && b.isNone());
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
