package io.slotflow.engine.internal;

import java.util.Map;

/** The session hosts a slot manager may start sessions on: one in a process, one per member on a cluster. */
public interface SessionHosts {

    /** Each host's slots, by host id; a snapshot. */
    Map<String, Integer> capacity();

    void tell(String hostId, SessionHost.Command command);

    /**
     * Sessions recorded on these hosts may still run there (a resume did not hear from them): once
     * each host is fenced — it can run nothing more — the run's slot manager gets
     * {@link SlotManager.HostsGone} for it. By default at once: one process has no other host.
     */
    default void fence(java.util.Set<String> hostIds, java.util.function.Consumer<SlotManager.HostsGone> slotManager) {
        slotManager.accept(new SlotManager.HostsGone(hostIds));
    }

    default void tellAll(SessionHost.Command command) {
        capacity().keySet().forEach(host -> tell(host, command));
    }
}
