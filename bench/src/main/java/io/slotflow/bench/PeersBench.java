package io.slotflow.bench;

import io.slotflow.bench.peers.Checker;
import io.slotflow.bench.peers.DexecutorPeer;
import io.slotflow.bench.peers.JobRunrPeer;
import io.slotflow.bench.peers.Peer;
import io.slotflow.bench.peers.QuartzPeer;
import io.slotflow.bench.peers.TemporalPeer;
import io.slotflow.bench.peers.ThreadPoolPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slotflow and its peers on the same DAG, in the same JVM run, one after the other, each checked
 * to respect the dependencies and the slot cap; medians of several runs and ratios to the
 * ThreadPoolExecutor baseline measured in the same run.
 */
final class PeersBench {

    record Row(String name, Duration median, double ratio, int peak, String note) {
    }

    private PeersBench() {
    }

    static List<Row> run(int n, int k, boolean zeroWork, int runs, long seed) throws Exception {
        Dag dag = Dag.random(n, seed, zeroWork ? 0 : 1_000, zeroWork ? 0 : 5_000);
        List<Peer> peers = List.of(new ThreadPoolPeer(), new DexecutorPeer(), new TemporalPeer(), new QuartzPeer(),
                new JobRunrPeer());
        Map<String, List<Duration>> walls = new LinkedHashMap<>();
        Map<String, Integer> peaks = new LinkedHashMap<>();
        for (int r = 0; r < runs; r++) {
            for (Peer peer : peers) {
                Checker checker = new Checker(dag, k);
                System.err.printf("  %s ...%n", peer.name());
                Duration wall = peer.run(dag, k, zeroWork, checker);
                try {
                    checker.verify();
                } catch (IllegalStateException broken) {
                    throw new IllegalStateException(peer.name() + ": " + broken.getMessage(), broken);
                }
                walls.computeIfAbsent(peer.name(), x -> new ArrayList<>()).add(wall);
                peaks.merge(peer.name(), checker.peak(), Math::max);
                System.err.printf("  %s: %s%n", peer.name(), Stats.seconds(wall));
            }
            EngineBench.Result slotflow = EngineBench.run(n, k, zeroWork, seed);
            if (slotflow.violations() > 0) {
                throw new IllegalStateException("the verifier found broken guarantees in the bench run");
            }
            walls.computeIfAbsent("Slotflow (H2 journal)", x -> new ArrayList<>()).add(slotflow.wall());
            peaks.merge("Slotflow (H2 journal)", slotflow.peak(), Math::max);
            System.err.printf("  Slotflow: %s%n", Stats.seconds(slotflow.wall()));
        }
        Duration baseline = Stats.median(walls.get(peers.get(0).name()));
        List<Row> rows = new ArrayList<>();
        walls.forEach((name, list) -> {
            Duration median = Stats.median(list);
            rows.add(new Row(name, median, (double) median.toNanos() / baseline.toNanos(), peaks.get(name),
                    list.size() + " runs"));
        });
        return rows;
    }
}
