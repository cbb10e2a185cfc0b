package io.slotflow.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of one work class in a {@link PlanBuilder}, named as in YAML's {@code classes:}; what is
 * not set keeps the class's default.
 */
public final class ClassBuilder {

    private Integer rank;
    private Integer quota;
    private Integer reserve;
    private Duration timeout;
    private boolean heartbeatGiven;
    private Duration heartbeat;
    private Integer maxAttempts;
    private Duration aging;
    private Borrow borrow;
    private WorkspaceKind workspace;
    private Duration backoff;
    private Duration backoffMax;
    private Integer backoffJitter;
    private Respawn respawn;

    ClassBuilder() {
    }

    /** Lower ranks are dispatched first: implementation is 0, review is 1. A new class needs one. */
    public ClassBuilder rank(int value) {
        rank = value;
        return this;
    }

    public ClassBuilder quota(int slots) {
        quota = slots;
        return this;
    }

    public ClassBuilder reserve(int slots) {
        reserve = slots;
        return this;
    }

    public ClassBuilder timeout(Duration value) {
        timeout = Objects.requireNonNull(value, "timeout");
        return this;
    }

    public ClassBuilder heartbeat(Duration value) {
        heartbeatGiven = true;
        heartbeat = Objects.requireNonNull(value, "heartbeat");
        return this;
    }

    public ClassBuilder maxAttempts(int value) {
        maxAttempts = value;
        return this;
    }

    public ClassBuilder aging(Duration value) {
        aging = Objects.requireNonNull(value, "aging");
        return this;
    }

    public ClassBuilder borrow(Borrow value) {
        borrow = Objects.requireNonNull(value, "borrow");
        return this;
    }

    public ClassBuilder workspace(WorkspaceKind value) {
        workspace = Objects.requireNonNull(value, "workspace");
        return this;
    }

    /** {@code retry-backoff}: the first wait; zero for none. */
    public ClassBuilder retryBackoff(Duration first) {
        backoff = Objects.requireNonNull(first, "first");
        return this;
    }

    /** {@code retry-backoff}, {@code retry-backoff-max} and {@code retry-backoff-jitter} (percent). */
    public ClassBuilder retryBackoff(Duration first, Duration max, int jitterPercent) {
        backoff = Objects.requireNonNull(first, "first");
        backoffMax = Objects.requireNonNull(max, "max");
        backoffJitter = jitterPercent;
        return this;
    }

    public ClassBuilder respawn(Respawn value) {
        respawn = Objects.requireNonNull(value, "respawn");
        return this;
    }

    /** As {@code PlanReader} reads a class: over {@code base} (null for a new class), the same problems. */
    WorkClass build(String name, WorkClass base, int slots, String file, PlanLocations given,
            List<PlanProblem> problems) {
        String where = "class " + name;
        if (base == null && rank == null) {
            problems.add(new PlanProblem(file, 0, 0, where, "a new class needs a 'rank' (implementation is 0, review is 1)"));
        }
        if (base == null) {
            base = new WorkClass(name, 0, slots, 0, PlanDefaults.IMPLEMENTATION_TIMEOUT, null,
                    PlanDefaults.MAX_ATTEMPTS, PlanDefaults.AGING);
        }
        if (quota != null) {
            given.put(where, "quota", 0, 0);
        }
        return new WorkClass(name, or(rank, base.rank()), or(quota, base.quota()), or(reserve, base.reserve()),
                or(timeout, base.timeout()), heartbeatGiven ? heartbeat : base.heartbeat(),
                or(maxAttempts, base.maxAttempts()), or(aging, base.aging()), or(borrow, base.borrow()),
                or(workspace, base.workspace()), backoff(base.retryBackoff()), or(respawn, base.respawn()));
    }

    private RetryBackoff backoff(RetryBackoff base) {
        Duration first = or(backoff, base.first());
        if (first.isZero()) {
            return RetryBackoff.NONE;
        }
        Duration max = or(backoffMax, base.isNone() ? first.multipliedBy(RetryBackoff.DEFAULT_MAX_FACTOR) : base.max());
        int jitter = or(backoffJitter, base.isNone() ? RetryBackoff.DEFAULT_JITTER_PERCENT : base.jitterPercent());
        return new RetryBackoff(first, max, jitter);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
