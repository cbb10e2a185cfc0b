package io.slotflow.plan;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as plans write them: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 250ms}, {@code 2d}. */
public final class Durations {

    /** Each unit at most once, the largest first: {@code 1h30m}, never {@code 5m5m} or {@code 30m1h}. */
    private static final Pattern WHOLE =
            Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private Durations() {
    }

    /**
     * Parses a duration; null when the text is not one (the caller reports it, naming the units).
     * Numbers so large they overflow are not durations either.
     */
    public static Duration parse(String text) {
        Matcher whole = text == null || text.isEmpty() ? null : WHOLE.matcher(text);
        if (whole == null || !whole.matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        try {
            total = total.plus(Duration.ofDays(part(whole, 1)))
                    .plus(Duration.ofHours(part(whole, 2)))
                    .plus(Duration.ofMinutes(part(whole, 3)))
                    .plus(Duration.ofSeconds(part(whole, 4)))
                    .plus(Duration.ofMillis(part(whole, 5)));
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return null;
        }
        return total;
    }

    private static long part(Matcher whole, int group) {
        String digits = whole.group(group);
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** Formats a duration the way {@link #parse} reads it: {@code 1h30m}, {@code 750ms}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = d.toDays();
        if (days > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0
                && d.toMillisPart() == 0) {
            return days + "d";
        }
        long h = d.toHours();
        if (h > 0) {
            out.append(h).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            out.append(d.toSecondsPart()).append('s');
        }
        if (d.toMillisPart() > 0) {
            out.append(d.toMillisPart()).append("ms");
        }
        return out.toString();
    }
}
