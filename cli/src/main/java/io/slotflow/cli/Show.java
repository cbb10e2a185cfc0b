package io.slotflow.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the CLI writes times and durations for people. */
final class Show {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Show() {
    }

    /** 0.4s, 12.3s, 4m05s, 1h02m. */
    static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 60_000) {
            return String.format("%.1fs", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            return String.format("%dm%02ds", ms / 60_000, (ms / 1000) % 60);
        }
        return String.format("%dh%02dm", ms / 3_600_000, (ms / 60_000) % 60);
    }

    static String clock(Instant at) {
        return CLOCK.format(at);
    }

    static String dateTime(Instant at) {
        return DATE_TIME.format(at);
    }

    static String percent(double fraction) {
        return String.format("%.0f%%", fraction * 100);
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "…";
    }
}
