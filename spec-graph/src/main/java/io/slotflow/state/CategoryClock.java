package io.slotflow.state;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Category;
import io.slotflow.policy.CategoryTargets;
import io.slotflow.policy.CategoryUse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The slot time each category has used and its NOOP streaks, folded from the journal: a slot is
 * held from the session's dispatch to its finish (both journaled times), and a category that ends
 * {@code cooldown-after} sessions in a row as NOOP cools down from the last one's finish. What the
 * dispatch policy weighs categories by ({@link #use}).
 *
 * <p>Folding is pure; mutable; owned by the run core.
 */
public final class CategoryClock {

    private record Holding(String category, long sinceMillis, long estimateMillis) {
    }

    private PlanGraph graph;
    private CategoryTargets targets;
    private final Map<String, Holding> running = new HashMap<>();
    private final Map<String, Long> finishedMillis = new HashMap<>();
    private final Map<String, Integer> noopStreak = new HashMap<>();
    private final Map<String, Long> coolingUntil = new HashMap<>();

    public CategoryClock(PlanGraph graph) {
        this(graph, CategoryTargets.of(graph.plan()));
    }

    private CategoryClock(PlanGraph graph, CategoryTargets targets) {
        this.graph = graph;
        this.targets = targets;
    }

    /** Specs joined the run: their nodes count in their categories from now on. */
    public void graphGrew(PlanGraph grown) {
        this.graph = grown;
        this.targets = CategoryTargets.of(grown.plan());
    }

    /** An independent copy: what a decision sees with events not yet persisted folded in. */
    public CategoryClock copy() {
        CategoryClock copy = new CategoryClock(graph, targets);
        copy.running.putAll(running);
        copy.finishedMillis.putAll(finishedMillis);
        copy.noopStreak.putAll(noopStreak);
        copy.coolingUntil.putAll(coolingUntil);
        return copy;
    }

    /** Folds one event; the others are ignored. */
    public void apply(RunEvent event) {
        if (event instanceof NodeDispatched e) {
            running.put(e.node(), new Holding(categoryOf(e.node()), e.at().toEpochMilli(), estimateMillis(e.node())));
        } else if (event instanceof SessionFinished e) {
            Holding held = running.remove(e.node());
            if (held == null) {
                return;
            }
            finishedMillis.merge(held.category(), Math.max(0, e.at().toEpochMilli() - held.sinceMillis()), Long::sum);
            streak(held.category(), e.outcome(), e.at());
        }
    }

    /** What the categories have used at {@code now}: running sessions count at least their estimate. */
    public CategoryUse use(Instant now) {
        if (targets == CategoryTargets.NONE) {
            return CategoryUse.NONE;
        }
        Map<String, Long> used = new HashMap<>(finishedMillis);
        Map<String, Integer> runningCount = new HashMap<>();
        long nowMillis = now.toEpochMilli();
        for (Holding h : running.values()) {
            used.merge(h.category(), Math.max(nowMillis - h.sinceMillis(), h.estimateMillis()), Long::sum);
            runningCount.merge(h.category(), 1, Integer::sum);
        }
        return new CategoryUse(targets, used, runningCount, coolingUntil);
    }

    /** Slot time of finished sessions per category. */
    public Map<String, Long> finishedMillis() {
        return Map.copyOf(finishedMillis);
    }

    private void streak(String category, SessionOutcome outcome, Instant at) {
        if (outcome == SessionOutcome.NOOP) {
            int inRow = noopStreak.merge(category, 1, Integer::sum);
            Category declared = graph.plan().category(category);
            if (declared.coolsDown() && inRow >= declared.cooldownAfter()) {
                coolingUntil.put(category, at.plus(declared.cooldown()).toEpochMilli());
                noopStreak.put(category, 0);
            }
        } else if (outcome == SessionOutcome.SUCCEEDED || outcome.isFailure()) {
            noopStreak.put(category, 0);
        }
    }

    private String categoryOf(String node) {
        return graph.findGroup(node).map(CategoryTargets::categoryOf).orElse(CategoryTargets.UNLABELLED);
    }

    private long estimateMillis(String node) {
        return graph.findGroup(node).map(NodeDef::estimate)
                .orElseGet(() -> graph.reviewType(NodeIds.reviewTypeOf(node)).estimate()).toMillis();
    }
}
