package io.slotflow.engine.internal;

import java.util.Map;

/** The session hosts a slot manager may start sessions on: one in a process, one per member on a cluster. */
public interface SessionHosts {

    /** Each host's slots, by host id; a snapshot. */
    Map<String, Integer> capacity();

    void tell(String hostId, SessionHost.Command command);

    default void tellAll(SessionHost.Command command) {
        capacity().keySet().forEach(host -> tell(host, command));
    }
}
