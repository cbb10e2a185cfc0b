package io.slotflow.cli;

import io.slotflow.metrics.CategoryReport;
import io.slotflow.metrics.Telemetry;
import io.slotflow.verify.Guarantee;
import java.util.ArrayList;
import java.util.List;

/** The per-category lines of {@code stats} and the run summary, for plans that declare categories. */
final class CategoryLines {

    private CategoryLines() {
    }

    static List<String> of(CategoryReport report, Telemetry t) {
        List<String> lines = new ArrayList<>();
        if (!report.declared()) {
            return lines;
        }
        lines.add(String.format("%-16s %8s  %-10s %7s %7s %9s %6s %8s %9s", "category", "sessions", "slot time",
                "share", "target", "over-alloc", "NOOP", "respawns", "same-lock"));
        report.rows().forEach((name, r) -> lines.add(String.format("%-16s %8d  %-10s %7s %7s %9s %6s %8d %9d", name,
                r.sessions(), Show.duration(r.slotTime()), Show.percent(r.share()), Show.percent(r.target()),
                r.target() == 0 ? "-" : String.format("%.2fx", r.overAllocation()), Show.percent(r.noopRate()),
                r.respawns(), r.sameLockViolations())));
        lines.add(String.format("same-lock violations: %d (footprint, lock: tokens included); category-alone violations: %d",
                t.violations().getOrDefault(Guarantee.FOOTPRINT, 0),
                t.violations().getOrDefault(Guarantee.CATEGORY_ALONE, 0)));
        return lines;
    }
}
