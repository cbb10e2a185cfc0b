package io.slotflow.metrics;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.NodeKind;
import io.slotflow.plan.Category;
import io.slotflow.plan.Group;
import io.slotflow.plan.Plan;
import io.slotflow.plan.Spec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per category, from the events alone: sessions, slot time (dispatch to finish), the share of all
 * slot time against the category's target and their ratio (over-allocation), the NOOP rate, respawns.
 * Shares are measured over a window ({@link #of(List, Instant)}) so a run's tail, when some
 * categories have run out of work, can be left out. Independent of the dispatch rules: it reads the
 * plan's shares, not the policy's weights.
 *
 * @param rows by category name; {@code none} for groups without a category (reviews are not counted)
 * @param declared the plan declares categories ({@code categories:}), so shares and targets mean something
 */
public record CategoryReport(Map<String, Row> rows, boolean declared) {

    /**
     * @param target the declared share, or what the shares leave split equally among the other
     *     categories; 0 when nothing is left
     * @param overAllocation share over target (1.0 is on target); 0 when the target is 0
     * @param sameLockViolations sessions started while another held the category's lock, counted by
     *     the verifier ({@link io.slotflow.verify.Verifier#sameLockViolations}); always 0
     */
    public record Row(int sessions, Duration slotTime, double share, double target, double overAllocation,
            double noopRate, int respawns, int sameLockViolations) {
    }

    public static final String NONE = "none";

    /** Over the whole run. */
    public static CategoryReport of(List<? extends RunEvent> events) {
        return of(events, Instant.MAX);
    }

    /** Slot time up to {@code until} (sessions cut there); sessions and NOOPs of sessions that finished by then. */
    public static CategoryReport of(List<? extends RunEvent> events, Instant until) {
        Plan plan = events.stream().filter(e -> e instanceof PlanAccepted).map(e -> ((PlanAccepted) e).plan())
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the events hold no plan-accepted"));
        Map<String, String> categoryOf = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        plan.categories().forEach(c -> names.add(c.name()));
        for (Spec spec : plan.specs()) {
            for (Group g : spec.groups()) {
                String category = g.category() == null ? NONE : g.category();
                categoryOf.put(NodeIds.group(spec.id(), g.id()), category);
                names.add(category);
            }
        }
        Map<String, Instant> since = new HashMap<>();
        Map<String, Long> millis = new TreeMap<>();
        Map<String, Integer> sessions = new TreeMap<>();
        Map<String, Integer> noops = new HashMap<>();
        Map<String, Integer> respawns = new HashMap<>();
        for (RunEvent event : events) {
            if (event instanceof io.slotflow.event.SpecsAdded added) {
                for (Spec spec : added.specs()) {
                    for (Group g : spec.groups()) {
                        String category = g.category() == null ? NONE : g.category();
                        categoryOf.put(NodeIds.group(spec.id(), g.id()), category);
                        names.add(category);
                    }
                }
            } else if (event instanceof NodeReady r && r.respawn() && !r.at().isAfter(until)) {
                respawns.merge(categoryOf.getOrDefault(r.node(), NONE), 1, Integer::sum);
            } else if (event instanceof NodeDispatched d && NodeIds.kindOf(d.node()) == NodeKind.GROUP) {
                since.put(d.node() + "#" + d.attempt(), d.at());
            } else if (event instanceof SessionFinished f && NodeIds.kindOf(f.node()) == NodeKind.GROUP) {
                Instant from = since.remove(f.node() + "#" + f.attempt());
                if (from == null) {
                    continue;
                }
                String category = categoryOf.getOrDefault(f.node(), NONE);
                Instant to = f.at().isAfter(until) ? until : f.at();
                millis.merge(category, Math.max(0, to.toEpochMilli() - from.toEpochMilli()), Long::sum);
                if (!f.at().isAfter(until)) {
                    sessions.merge(category, 1, Integer::sum);
                    if (f.outcome() == SessionOutcome.NOOP) {
                        noops.merge(category, 1, Integer::sum);
                    }
                }
            }
        }
        long total = millis.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> targets = targets(plan, names);
        Map<String, Integer> sameLock = io.slotflow.verify.Verifier.sameLockViolations(events);
        Map<String, Row> rows = new TreeMap<>();
        for (String name : names) {
            long used = millis.getOrDefault(name, 0L);
            int n = sessions.getOrDefault(name, 0);
            double share = total == 0 ? 0 : (double) used / total;
            double target = targets.getOrDefault(name, 0.0);
            rows.put(name, new Row(n, Duration.ofMillis(used), share, target, target == 0 ? 0 : share / target,
                    n == 0 ? 0 : (double) noops.getOrDefault(name, 0) / n, respawns.getOrDefault(name, 0),
                    sameLock.getOrDefault(name, 0)));
        }
        return new CategoryReport(rows, !plan.categories().isEmpty());
    }

    /** The declared shares; the categories without one split what is left equally. */
    private static Map<String, Double> targets(Plan plan, Set<String> names) {
        Map<String, Double> targets = new HashMap<>();
        double given = 0;
        for (Category c : plan.categories()) {
            if (c.hasShare()) {
                targets.put(c.name(), c.share());
                given += c.share();
            }
        }
        long rest = names.stream().filter(n -> !targets.containsKey(n)).count();
        double each = rest == 0 ? 0 : Math.max(0, 1 - given) / rest;
        names.stream().filter(n -> !targets.containsKey(n)).forEach(n -> targets.put(n, each));
        return targets;
    }
}
