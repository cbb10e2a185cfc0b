package io.slotflow.policy;

import io.slotflow.plan.DispatchMode;
import java.util.Optional;

/** Wave dispatch: nothing starts while any node of the current wave still runs. */
public final class WaveGate implements DispatchGate {

    @Override
    public String name() {
        return "wave-gate";
    }

    @Override
    public Optional<WaitReason> objection(DecisionContext context) {
        return context.snapshot().mode() == DispatchMode.WAVE && context.waveRunning()
                ? Optional.of(WaitReason.WaveInProgress.INSTANCE)
                : Optional.empty();
    }
}
