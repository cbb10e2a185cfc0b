package io.slotflow.plan;

import java.util.Objects;

/**
 * Run-wide settings.
 *
 * @param slots K, the number of sessions that may run at once
 * @param dispatch rolling (default) or wave
 * @param order critical path first (default) or first ready; null reads as the default, as in
 *     journals written before this setting existed
 */
public record RunSettings(int slots, DispatchMode dispatch, DispatchOrder order) {

    public RunSettings {
        Objects.requireNonNull(dispatch, "dispatch");
        order = order == null ? DispatchOrder.CRITICAL_PATH : order;
    }

    public RunSettings(int slots, DispatchMode dispatch) {
        this(slots, dispatch, DispatchOrder.CRITICAL_PATH);
    }

    public RunSettings withSlots(int k) {
        return new RunSettings(k, dispatch, order);
    }

    public RunSettings withDispatch(DispatchMode mode) {
        return new RunSettings(slots, mode, order);
    }

    public RunSettings withOrder(DispatchOrder newOrder) {
        return new RunSettings(slots, dispatch, newOrder);
    }
}
