package io.slotflow.engine.internal;

import io.slotflow.event.RunEvent;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/** Persist-then-act that also works when there is nothing to persist. */
final class Persisting {

    private Persisting() {
    }

    static <S> EffectBuilder<RunEvent, S> then(EffectFactories<RunEvent, S> effects, List<RunEvent> events,
            Consumer<S> afterwards) {
        EffectBuilder<RunEvent, S> effect = events.isEmpty() ? effects.none() : effects.persist(events);
        return effect.thenRun(afterwards::accept);
    }
}
