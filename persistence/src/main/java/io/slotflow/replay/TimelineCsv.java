package io.slotflow.replay;

import java.time.Duration;

/** A timeline as CSV: one row per session, for spreadsheets and scripts. */
public final class TimelineCsv {

    public static final String HEADER = "slot,node,class,attempt,start,end,duration_ms,outcome,detail,borrowed";

    private TimelineCsv() {
    }

    public static String render(Timeline timeline) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Timeline.Bar bar : timeline.bars()) {
            Duration length = bar.duration(timeline.end());
            out.append(bar.slot() + 1).append(',').append(field(bar.node())).append(',').append(field(bar.workClass()))
                    .append(',').append(bar.attempt()).append(',').append(bar.start()).append(',')
                    .append(bar.end() == null ? "" : bar.end().toString()).append(',').append(length.toMillis())
                    .append(',').append(bar.outcome() == null ? "RUNNING" : bar.outcome().name()).append(',')
                    .append(field(bar.detail())).append(',').append(bar.borrowed()).append('\n');
        }
        return out.toString();
    }

    /** RFC 4180: quote fields holding a comma, a quote or a line break. */
    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
