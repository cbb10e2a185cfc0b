package io.slotflow.engine.cluster;

import io.slotflow.engine.internal.SessionHost;
import io.slotflow.engine.internal.SessionHosts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session hosts of the cluster's members, as the coordinator last heard of them. Written by the
 * coordinator, read by its slot managers: an immutable snapshot behind a volatile field.
 */
final class ClusterHosts implements SessionHosts {

    private volatile Map<String, SessionHost.HostInfo> hosts = Map.of();
    private final java.util.function.Consumer<java.util.Set<String>> fenceRequests;

    /** @param fenceRequests asks the coordinator to fence hosts; it tells every run's slot manager once they are */
    ClusterHosts(java.util.function.Consumer<java.util.Set<String>> fenceRequests) {
        this.fenceRequests = fenceRequests;
    }

    void put(SessionHost.HostInfo host) {
        Map<String, SessionHost.HostInfo> next = new LinkedHashMap<>(hosts);
        next.put(host.hostId(), host);
        hosts = Map.copyOf(next);
    }

    void remove(String hostId) {
        Map<String, SessionHost.HostInfo> next = new LinkedHashMap<>(hosts);
        next.remove(hostId);
        hosts = Map.copyOf(next);
    }

    Map<String, SessionHost.HostInfo> all() {
        return hosts;
    }

    @Override
    public Map<String, Integer> capacity() {
        Map<String, Integer> slots = new LinkedHashMap<>();
        hosts.forEach((id, info) -> slots.put(id, info.slots()));
        return slots;
    }

    /** The coordinator fences them and tells every run's slot manager, this one's among them. */
    @Override
    public void fence(java.util.Set<String> hostIds,
            java.util.function.Consumer<io.slotflow.engine.internal.SlotManager.HostsGone> slotManager) {
        fenceRequests.accept(hostIds);
    }

    @Override
    public void tell(String hostId, SessionHost.Command command) {
        SessionHost.HostInfo host = hosts.get(hostId);
        if (host != null) {
            host.host().tell(command);
        }
    }
}
