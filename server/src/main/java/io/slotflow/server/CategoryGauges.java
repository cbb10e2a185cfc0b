package io.slotflow.server;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.MeterRegistry;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunEvent;
import io.slotflow.metrics.CategoryReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The per-category gauges (names in docs/api.md#metrics), computed at each scrape from the events a
 * run's follower kept, by the same {@link CategoryReport} that {@code stats} prints. A run the
 * engine resumed is reported once its follower has seen its plan (from a fresh start only).
 */
final class CategoryGauges {

    private record Gauge(MultiGauge gauge, ToDoubleFunction<CategoryReport.Row> value) {
    }

    private final List<Gauge> gauges = new ArrayList<>();

    CategoryGauges(MeterRegistry registry) {
        add(registry, "slotflow.category.sessions", "sessions of the category that ended", r -> r.sessions());
        add(registry, "slotflow.category.slot.seconds", "slot time of the category's sessions, dispatch to end",
                r -> r.slotTime().toMillis() / 1000.0);
        add(registry, "slotflow.category.share", "the category's share of all slot time", r -> r.share());
        add(registry, "slotflow.category.target.share", "the category's target share", r -> r.target());
        add(registry, "slotflow.category.over.allocation", "share over target (1 is on target; keep below 2)",
                r -> r.overAllocation());
        add(registry, "slotflow.category.noop.rate", "NOOP sessions over sessions", r -> r.noopRate());
        add(registry, "slotflow.category.respawns", "sessions respawned after a productive one", r -> r.respawns());
        add(registry, "slotflow.category.same.lock.violations",
                "sessions started while another held the category's lock (the verifier's count; always 0)",
                r -> r.sameLockViolations());
    }

    private void add(MeterRegistry registry, String name, String description, ToDoubleFunction<CategoryReport.Row> value) {
        gauges.add(new Gauge(MultiGauge.builder(name).description(description).register(registry), value));
    }

    /** Replaces every row with the runs' reports now; runs without declared categories have none. */
    void update(Map<String, List<RunEvent>> eventsByRun) {
        List<List<MultiGauge.Row<?>>> rows = new ArrayList<>();
        gauges.forEach(g -> rows.add(new ArrayList<>()));
        eventsByRun.forEach((runId, events) -> {
            if (events.stream().noneMatch(e -> e instanceof PlanAccepted)) {
                return;
            }
            CategoryReport report = CategoryReport.of(events);
            if (!report.declared()) {
                return;
            }
            report.rows().forEach((category, row) -> {
                Tags tags = Tags.of("run", runId, "category", category);
                for (int i = 0; i < gauges.size(); i++) {
                    rows.get(i).add(MultiGauge.Row.of(tags, gauges.get(i).value().applyAsDouble(row)));
                }
            });
        });
        for (int i = 0; i < gauges.size(); i++) {
            gauges.get(i).gauge().register(rows.get(i), true);
        }
    }
}
