package io.slotflow.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed plan document before it means anything: mappings, lists and scalars, each with the line
 * and column it starts at, so every problem can say where it is.
 */
sealed interface PlanTree {

    int line();

    int column();

    /** What this is, for "expected a list, got a mapping". */
    String kind();

    /** A mapping; its keys keep their own positions. */
    record Mapping(Map<String, Entry> entries, int line, int column) implements PlanTree {
        public Mapping {
            entries = new LinkedHashMap<>(entries);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One key of a mapping and its value. */
    record Entry(String key, int line, int column, PlanTree value) {
    }

    /** A list. */
    record Sequence(List<PlanTree> items, int line, int column) implements PlanTree {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar: {@code value} is a String, Long, Double, Boolean, or null; {@code text} is how it
     * was written.
     */
    record Scalar(Object value, String text, int line, int column) implements PlanTree {
        @Override
        public String kind() {
            if (value == null) {
                return "nothing (null)";
            }
            return value instanceof String ? "text '" + text + "'" : "'" + text + "'";
        }
    }
}
