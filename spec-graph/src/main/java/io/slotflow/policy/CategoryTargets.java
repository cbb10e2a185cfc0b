package io.slotflow.policy;

import io.slotflow.graph.NodeDef;
import io.slotflow.plan.Category;
import io.slotflow.plan.Group;
import io.slotflow.plan.Plan;
import io.slotflow.plan.Spec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The plan's categories as the policy weighs them: each category's target fraction of slot time
 * (its {@code share}; categories without one split what the shares leave, equally), and the
 * categories that run one session at a time. Nodes without a label form the category {@link #UNLABELLED}.
 *
 * <p>Immutable; built once per plan.
 */
public final class CategoryTargets {

    /** The category of nodes that give no {@code category} (review and batch nodes among them). */
    public static final String UNLABELLED = "";

    /** No category declared: the policy orders by category not at all. */
    public static final CategoryTargets NONE = new CategoryTargets(Map.of(), Set.of(), 0, false);

    private final Map<String, Double> weights;
    private final Set<String> alone;
    private final double restWeight;
    private final boolean routing;

    private CategoryTargets(Map<String, Double> weights, Set<String> alone, double restWeight, boolean routing) {
        this.weights = Map.copyOf(weights);
        this.alone = Set.copyOf(alone);
        this.restWeight = restWeight;
        this.routing = routing;
    }

    public static CategoryTargets of(Plan plan) {
        if (plan.categories().isEmpty()) {
            return NONE;
        }
        Set<String> shareless = new LinkedHashSet<>();
        Map<String, Double> weights = new HashMap<>();
        Set<String> alone = new HashSet<>();
        double given = 0;
        for (Category c : plan.categories()) {
            if (c.hasShare()) {
                weights.put(c.name(), c.share());
                given += c.share();
            } else {
                shareless.add(c.name());
            }
            if (!c.parallel()) {
                alone.add(c.name());
            }
        }
        for (Spec spec : plan.specs()) {
            for (Group g : spec.groups()) {
                shareless.add(g.category() == null ? UNLABELLED : g.category());
            }
        }
        if (!plan.reviewTypes().isEmpty()) {
            shareless.add(UNLABELLED);
        }
        shareless.removeAll(weights.keySet());
        double rest = Math.max(0, 1 - given) / Math.max(1, shareless.size());
        shareless.forEach(name -> weights.put(name, rest));
        return new CategoryTargets(weights, alone, rest, given > 0);
    }

    /** The category a node counts in. */
    public static String categoryOf(NodeDef node) {
        return node.category() == null ? UNLABELLED : node.category();
    }

    /** True when some category has a share: slots within a rank then go by category deficit. */
    public boolean routing() {
        return routing;
    }

    /** The category's target fraction of slot time; 0 when the shares leave it nothing. */
    public double target(String category) {
        return weights.getOrDefault(category, restWeight);
    }

    /** The categories the plan names, unlabelled nodes included when there are any. */
    public Set<String> names() {
        return weights.keySet();
    }

    /** True when no two sessions of the category may run at once ({@code parallel: false}). */
    public boolean runsAlone(String category) {
        return alone.contains(category);
    }

    /** Whether anything in the plan runs alone: the filter has nothing to do otherwise. */
    public boolean anyAlone() {
        return !alone.isEmpty();
    }
}
