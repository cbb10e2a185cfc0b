package io.slotflow.engine.cluster;

import io.slotflow.engine.EngineSettings;
import java.util.List;
import java.util.Objects;

/**
 * A cluster member.
 *
 * @param engine the state directory (session logs), the journal (shared by every member: PostgreSQL
 *     in production), kill grace, clock and retries, as for one process
 * @param host the address other members reach this one at
 * @param port its Artery port (0: any free port)
 * @param seedNodes {@code host:port} of the members a new member joins through; a member that
 *     lists itself first starts a new cluster
 * @param slots how many sessions this member runs at once, over every run; 0 for a member that only
 *     submits and follows runs (the command line's {@code run --cluster})
 */
public record NodeSettings(EngineSettings engine, String host, int port, List<String> seedNodes, int slots) {

    public NodeSettings {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(host, "host");
        seedNodes = List.copyOf(seedNodes);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not a port number");
        }
        if (slots < 0) {
            throw new IllegalArgumentException("slots must not be negative, was " + slots);
        }
    }

    /** Whether this member runs sessions (and may host the coordinator and spec actors). */
    public boolean isWorker() {
        return slots > 0;
    }
}
