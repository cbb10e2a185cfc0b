package io.slotflow.footprint;

import java.util.HashMap;
import java.util.Map;

/**
 * Interns footprint tokens as small ints so that conflict checks during dispatch are array
 * lookups rather than string hashing. One table serves a whole run; it only grows.
 */
public final class TokenTable {

    private final Map<String, Integer> ids = new HashMap<>();

    public int idOf(String token) {
        return ids.computeIfAbsent(token, t -> ids.size());
    }

    public int size() {
        return ids.size();
    }

    public CompiledFootprint compile(Footprint footprint) {
        if (footprint.isCatchAll()) {
            return CompiledFootprint.CATCH_ALL;
        }
        return new CompiledFootprint(
                footprint.reads().stream().mapToInt(this::idOf).toArray(),
                footprint.writes().stream().mapToInt(this::idOf).toArray(),
                false);
    }
}
