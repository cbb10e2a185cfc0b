package io.slotflow.bench.peers;

import io.slotflow.bench.Dag;
import java.time.Duration;

/** A scheduler that runs the benchmark DAG with at most K tasks at a time. */
public interface Peer {

    String name();

    /**
     * Runs every node of the DAG, each after its dependencies, never more than {@code k} at once,
     * each working for its work time (sleeping in its worker) or not at all; returns the wall time.
     * The {@link Checker} it is given must see every start and end.
     */
    Duration run(Dag dag, int k, boolean zeroWork, Checker checker) throws Exception;
}
