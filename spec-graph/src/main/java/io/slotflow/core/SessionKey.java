package io.slotflow.core;

import java.util.Objects;

/** One session of a run: a node's attempt. */
public record SessionKey(String node, int attempt) {

    public SessionKey {
        Objects.requireNonNull(node, "node");
    }

    @Override
    public String toString() {
        return node + " attempt " + attempt;
    }
}
