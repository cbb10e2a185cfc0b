package io.slotflow.engine.internal;

import io.slotflow.event.RunEvent;
import java.util.List;

/**
 * Told of events once they are persisted, in each actor's persist order. Implementations must be
 * thread-safe and quick: actors call it from their own threads.
 */
@FunctionalInterface
public interface RunListener {

    void persisted(List<RunEvent> events);

    RunListener NONE = events -> { };
}
