package io.slotflow.graph;

import java.util.List;

/** Thrown when dependencies form a cycle; the message prints it ({@code a → b → a}). */
public final class CycleException extends IllegalArgumentException {

    private final List<String> cycle;

    public CycleException(List<String> cycle) {
        super("dependency cycle: " + Cycles.format(cycle));
        this.cycle = List.copyOf(cycle);
    }

    public List<String> cycle() {
        return cycle;
    }
}
