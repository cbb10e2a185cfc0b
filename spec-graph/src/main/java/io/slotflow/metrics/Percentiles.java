package io.slotflow.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * p50, p95, p99 and max of a set of durations (nearest rank).
 *
 * @param count how many
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the largest
 */
public record Percentiles(int count, Duration p50, Duration p95, Duration p99, Duration max) {

    public static final Percentiles NONE = new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public static Percentiles of(List<Duration> values) {
        if (values.isEmpty()) {
            return NONE;
        }
        List<Duration> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return new Percentiles(sorted.size(), rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    private static Duration rank(List<Duration> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
