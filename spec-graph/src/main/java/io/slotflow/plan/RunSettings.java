package io.slotflow.plan;

import java.util.Objects;

/**
 * Run-wide settings.
 *
 * @param slots K, the number of sessions that may run at once
 * @param dispatch rolling (default) or wave
 */
public record RunSettings(int slots, DispatchMode dispatch) {

    public RunSettings {
        Objects.requireNonNull(dispatch, "dispatch");
    }

    public RunSettings withSlots(int k) {
        return new RunSettings(k, dispatch);
    }

    public RunSettings withDispatch(DispatchMode mode) {
        return new RunSettings(slots, mode);
    }
}
