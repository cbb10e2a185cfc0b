package io.slotflow.bench;

import io.slotflow.bench.peers.Checker;
import io.slotflow.bench.peers.Peer;
import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.Slotflow;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Slotflow as one of the peers: the real engine on an H2 file journal, sessions in the JVM whose
 * bodies report to the checker as the other peers' tasks do. The wall time starts once the engine
 * is up, as the others' start once their scheduler is; the journal is checked by the verifier.
 */
final class SlotflowPeer implements Peer {

    @Override
    public String name() {
        return "Slotflow (H2 journal)";
    }

    @Override
    public Duration run(Dag dag, int k, boolean zeroWork, Checker checker) throws Exception {
        try (Scratch scratch = Scratch.create("slotflow-peer");
                Slotflow engine = Slotflow.start(EngineSettings.defaults(scratch.path()),
                        new InJvmRunner(dag, zeroWork, checker))) {
            Path dir = scratch.path();
            long start = System.nanoTime();
            RunResult result = engine.run(dag.toPlan(k), new RunOptions("peer", dir)).result().toCompletableFuture()
                    .get(30, TimeUnit.MINUTES);
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            if (result.outcome() != RunResult.Outcome.SUCCEEDED) {
                throw new IllegalStateException("the run ended " + result.outcome() + " " + result.reason());
            }
            int broken = new Verifier().check(engine.journal().events("peer")).size();
            if (broken > 0) {
                throw new IllegalStateException("the verifier found " + broken + " broken guarantees");
            }
            return wall;
        }
    }
}
