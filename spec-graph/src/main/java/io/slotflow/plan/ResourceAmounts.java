package io.slotflow.plan;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counted resources as the plan writes them: a plan's {@code resources} (name → capacity) and a
 * node's {@code uses} (name → units it holds while its session runs). Kept sorted by name so that
 * equal plans print and fingerprint alike.
 */
public final class ResourceAmounts {

    private ResourceAmounts() {
    }

    /** An unmodifiable copy sorted by name; null (a plan stored before resources existed) is none. */
    public static Map<String, Integer> copyOf(Map<String, Integer> amounts) {
        return amounts == null || amounts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(amounts));
    }
}
