package io.slotflow.verify;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.plan.Category;
import io.slotflow.plan.Group;
import io.slotflow.plan.Plan;
import io.slotflow.plan.Spec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Guarantee#CATEGORY_ALONE}, from the events alone: a dispatch of a group whose category is
 * declared {@code parallel: false} while another session of that category holds a slot.
 */
final class CategoryAloneCheck {

    private CategoryAloneCheck() {
    }

    static List<Violation> check(List<? extends RunEvent> events) {
        List<Violation> violations = new ArrayList<>();
        Map<String, String> aloneCategoryOf = new HashMap<>();
        Map<String, Integer> holding = new HashMap<>();
        Plan plan = null;
        for (int i = 0; i < events.size(); i++) {
            RunEvent event = events.get(i);
            if (event instanceof PlanAccepted e) {
                plan = e.plan();
                aloneCategoryOf = aloneCategories(plan);
            } else if (event instanceof io.slotflow.event.SpecsAdded e && plan != null) {
                plan = plan.withAddedSpecs(e.specs());
                aloneCategoryOf = aloneCategories(plan);
            } else if (event instanceof NodeDispatched e && aloneCategoryOf.containsKey(e.node())) {
                String category = aloneCategoryOf.get(e.node());
                for (Map.Entry<String, Integer> other : holding.entrySet()) {
                    if (category.equals(aloneCategoryOf.get(other.getKey()))) {
                        violations.add(new Violation(Guarantee.CATEGORY_ALONE, e.node() + " started while "
                                + other.getKey() + " of the same category " + category + " ran",
                                List.of(other.getValue(), i)));
                    }
                }
                holding.put(e.node(), i);
            } else if (event instanceof SessionFinished e) {
                holding.remove(e.node());
            }
        }
        return violations;
    }

    /** The nodes of categories declared {@code parallel: false}, with their category. */
    static Map<String, String> aloneCategories(Plan plan) {
        Map<String, String> byNode = new HashMap<>();
        for (Spec spec : plan.specs()) {
            for (Group g : spec.groups()) {
                if (g.category() != null) {
                    Category c = plan.category(g.category());
                    if (!c.parallel()) {
                        byNode.put(spec.id() + ":" + g.id(), c.name());
                    }
                }
            }
        }
        return byNode;
    }
}
