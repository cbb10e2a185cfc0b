package io.slotflow.policy;

/** How categories are named and their shares printed in wait reasons. */
final class Categories {

    private Categories() {
    }

    static String label(String category) {
        return category.equals(CategoryTargets.UNLABELLED) ? "(none)" : category;
    }

    static String percent(double fraction) {
        return Math.round(fraction * 1000) / 10.0 + "%";
    }
}
