package io.slotflow.policy;

import io.slotflow.plan.DispatchMode;

/** Wave dispatch: nothing starts while any node of the current wave still runs. */
public final class WaveGate implements DispatchFilter {

    @Override
    public String name() {
        return "wave-gate";
    }

    @Override
    public boolean isGate() {
        return true;
    }

    @Override
    public WaitReason check(ReadyNode node, DecisionContext context) {
        return context.snapshot().mode() == DispatchMode.WAVE && context.waveRunning()
                ? WaitReason.WaveInProgress.INSTANCE
                : null;
    }
}
