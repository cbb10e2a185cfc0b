package io.slotflow.plan;

import java.util.List;
import java.util.Objects;

/**
 * A sync barrier: when it is reached, each spec it covers gets one review node per review type.
 * It is reached either when every spec of {@code after} has settled (reviews go to those that
 * completed), or each time {@code every} more specs have completed (reviews go to those specs; the
 * remainder when all specs have settled).
 *
 * @param name unique in the plan
 * @param after the named set of specs; empty when {@code every} is used
 * @param every N for "after every N completions"; 0 when {@code after} is used
 * @param reviews review types each covered spec gets
 * @param injection eager, lazy or batched
 * @param batchSize the most reviews merged into one batched session
 */
public record Barrier(
        String name, List<String> after, int every, List<String> reviews, Injection injection, int batchSize) {

    public Barrier {
        Objects.requireNonNull(name, "name");
        after = List.copyOf(after);
        reviews = List.copyOf(reviews);
        Objects.requireNonNull(injection, "injection");
    }
}
