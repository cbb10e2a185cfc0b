package io.slotflow.core;

import io.slotflow.event.RunEvent;
import java.util.List;

/**
 * What one input makes the core do: the events to persist, then the actions to take once they
 * are. The events must be folded ({@link RunCore#apply}) before the next input is handled.
 */
public record Step(List<RunEvent> events, List<Action> actions) {

    public static final Step NOTHING = new Step(List.of(), List.of());

    public Step {
        events = List.copyOf(events);
        actions = List.copyOf(actions);
    }

    static Step act(List<Action> actions) {
        return actions.isEmpty() ? NOTHING : new Step(List.of(), actions);
    }
}
