package io.slotflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Medians and number formatting for the report. */
final class Stats {

    private Stats() {
    }

    static Duration median(List<Duration> values) {
        List<Duration> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return s < 10 ? String.format("%.2f s", s) : String.format("%.1f s", s);
    }

    static String millis(Duration d) {
        return String.format("%.1f ms", d.toNanos() / 1e6);
    }

    static String count(double n) {
        return String.format("%,.0f", n);
    }

    static String mib(long bytes) {
        return String.format("%,.0f MiB", bytes / (1024.0 * 1024));
    }
}
