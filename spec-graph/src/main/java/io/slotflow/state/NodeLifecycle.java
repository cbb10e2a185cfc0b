package io.slotflow.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle of a node as a transition table: {@code from, trigger → to}. Every event that
 * touches a node is one trigger; a trigger the table does not allow from the node's state is a
 * broken journal, and {@link RunState} refuses it with the node's history.
 */
public final class NodeLifecycle {

    /** Where a node is. */
    public enum State {
        /** A group whose dependencies have not all succeeded; a review or batch just created. */
        WAITING,
        /** In the ready queue. */
        READY,
        /** Assigned a slot; its session is starting. */
        DISPATCHED,
        /** Its session runs. */
        RUNNING,
        /** Its session ended; its owner decides: success, retry or failure. */
        FINISHED,
        /** A review merged into a batch: it ends with the batch. */
        BATCHED,
        SUCCEEDED,
        FAILED,
        BLOCKED,
        /** An operator cancelled it: it never runs again in this run, and its dependents are blocked. */
        CANCELLED;

        public boolean isFinal() {
            return this == SUCCEEDED || this == FAILED || this == BLOCKED || this == CANCELLED;
        }

        /** Final without success: failed, blocked or cancelled (a run with one completes with failures). */
        public boolean isUnsuccessful() {
            return this == FAILED || this == BLOCKED || this == CANCELLED;
        }
    }

    /** What moves a node: one per kind of event. */
    public enum Trigger { READY, DISPATCHED, STARTED, FINISHED, SUCCEEDED, FAILED, BLOCKED, BATCHED, REOPENED,
        CANCELLED }

    /** One row of the table. */
    public record Transition(State from, Trigger trigger, State to) {
    }

    private static final List<Transition> ROWS = List.of(
            new Transition(State.WAITING, Trigger.READY, State.READY),
            new Transition(State.WAITING, Trigger.BLOCKED, State.BLOCKED),
            new Transition(State.WAITING, Trigger.BATCHED, State.BATCHED),
            new Transition(State.READY, Trigger.DISPATCHED, State.DISPATCHED),
            new Transition(State.DISPATCHED, Trigger.STARTED, State.RUNNING),
            new Transition(State.DISPATCHED, Trigger.FINISHED, State.FINISHED),
            new Transition(State.RUNNING, Trigger.FINISHED, State.FINISHED),
            new Transition(State.FINISHED, Trigger.READY, State.READY),
            new Transition(State.FINISHED, Trigger.SUCCEEDED, State.SUCCEEDED),
            new Transition(State.FINISHED, Trigger.FAILED, State.FAILED),
            new Transition(State.BATCHED, Trigger.SUCCEEDED, State.SUCCEEDED),
            new Transition(State.BATCHED, Trigger.FAILED, State.FAILED),
            // an operator cancels a group that has no outcome yet; a session it had is stopped
            new Transition(State.WAITING, Trigger.CANCELLED, State.CANCELLED),
            new Transition(State.READY, Trigger.CANCELLED, State.CANCELLED),
            new Transition(State.DISPATCHED, Trigger.CANCELLED, State.CANCELLED),
            new Transition(State.RUNNING, Trigger.CANCELLED, State.CANCELLED),
            new Transition(State.FINISHED, Trigger.CANCELLED, State.CANCELLED),
            // the session a cancelled node had winds down: its start and end are still recorded, but
            // the node stays cancelled (a dispatch after the cancel is a broken journal)
            new Transition(State.CANCELLED, Trigger.STARTED, State.CANCELLED),
            new Transition(State.CANCELLED, Trigger.FINISHED, State.CANCELLED),
            // a retry of a finished run: failed, blocked and cancelled groups wait again
            new Transition(State.FAILED, Trigger.REOPENED, State.WAITING),
            new Transition(State.BLOCKED, Trigger.REOPENED, State.WAITING),
            new Transition(State.CANCELLED, Trigger.REOPENED, State.WAITING));

    private static final Map<State, Map<Trigger, State>> TABLE = new EnumMap<>(State.class);

    static {
        for (Transition row : ROWS) {
            TABLE.computeIfAbsent(row.from(), s -> new EnumMap<>(Trigger.class)).put(row.trigger(), row.to());
        }
    }

    private NodeLifecycle() {
    }

    /** Every allowed transition, in table order. */
    public static List<Transition> transitions() {
        return ROWS;
    }

    /** The state after {@code trigger}, or null when the table does not allow it. */
    public static State next(State from, Trigger trigger) {
        return TABLE.getOrDefault(from, Map.of()).get(trigger);
    }

    /** The table as a Mermaid state diagram, for docs/concepts.md. */
    public static String mermaid() {
        List<String> lines = new ArrayList<>();
        lines.add("stateDiagram-v2");
        lines.add("    [*] --> WAITING: group, review or batch");
        for (Transition row : ROWS) {
            lines.add("    " + row.from() + " --> " + row.to() + ": " + row.trigger().name().toLowerCase());
        }
        for (State s : State.values()) {
            if (s.isFinal()) {
                lines.add("    " + s + " --> [*]");
            }
        }
        return String.join("\n", Collections.unmodifiableList(lines)) + "\n";
    }
}
