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

    @Override
    public void tell(String hostId, SessionHost.Command command) {
        SessionHost.HostInfo host = hosts.get(hostId);
        if (host != null) {
            host.host().tell(command);
        }
    }
}
