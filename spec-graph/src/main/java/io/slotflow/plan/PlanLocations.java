package io.slotflow.plan;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the parts of a plan were written: positions by place ({@code spec 91, group 0}) and, within
 * a place, by field ({@code depends-on 3}). Empty for plans built in code.
 */
public final class PlanLocations {

    /** A line and column, 1-based. */
    public record Position(int line, int column) {
    }

    private final Map<String, Position> positions = new HashMap<>();

    public static PlanLocations none() {
        return new PlanLocations();
    }

    void put(String where, String field, int line, int column) {
        positions.putIfAbsent(key(where, field), new Position(line, column));
    }

    /** The position of {@code field} within {@code where}, else of {@code where}, else null. */
    public Position of(String where, String field) {
        Position p = field == null ? null : positions.get(key(where, field));
        return p != null ? p : positions.get(key(where, null));
    }

    /** True when the plan gave {@code field} within {@code where}. */
    public boolean has(String where, String field) {
        return positions.containsKey(key(where, field));
    }

    private static String key(String where, String field) {
        return field == null ? where : where + "\u0000" + field;
    }
}
