package io.slotflow.plan;

import java.util.Objects;

/**
 * Run-wide settings.
 *
 * @param slots K, the number of sessions that may run at once
 * @param dispatch rolling (default) or wave
 * @param order critical path first (default) or first ready; null reads as the default, as in
 *     journals written before this setting existed
 * @param specTurns how the specs of one rank take turns; null reads as the default (so the same plan
 *     file fingerprints alike whether or not its journal was written before this setting existed)
 */
public record RunSettings(int slots, DispatchMode dispatch, DispatchOrder order, SpecTurns specTurns) {

    /** Spec turns when the plan does not say. */
    public static final SpecTurns DEFAULT_SPEC_TURNS = SpecTurns.ROUND_ROBIN;

    public RunSettings {
        Objects.requireNonNull(dispatch, "dispatch");
        order = order == null ? DispatchOrder.CRITICAL_PATH : order;
        specTurns = specTurns == null ? DEFAULT_SPEC_TURNS : specTurns;
    }

    public RunSettings(int slots, DispatchMode dispatch, DispatchOrder order) {
        this(slots, dispatch, order, DEFAULT_SPEC_TURNS);
    }

    public RunSettings(int slots, DispatchMode dispatch) {
        this(slots, dispatch, DispatchOrder.CRITICAL_PATH);
    }

    public RunSettings withSlots(int k) {
        return new RunSettings(k, dispatch, order, specTurns);
    }

    public RunSettings withDispatch(DispatchMode mode) {
        return new RunSettings(slots, mode, order, specTurns);
    }

    public RunSettings withOrder(DispatchOrder newOrder) {
        return new RunSettings(slots, dispatch, newOrder, specTurns);
    }

    public RunSettings withSpecTurns(SpecTurns turns) {
        return new RunSettings(slots, dispatch, order, turns);
    }
}
