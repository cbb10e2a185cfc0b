package io.slotflow.bench;

import io.slotflow.bench.peers.Checker;
import io.slotflow.bench.peers.DexecutorPeer;
import io.slotflow.bench.peers.JobRunrPeer;
import io.slotflow.bench.peers.Peer;
import io.slotflow.bench.peers.QuartzPeer;
import io.slotflow.bench.peers.TemporalPeer;
import io.slotflow.bench.peers.ThreadPoolPeer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Slotflow and its peers on the same DAG. Every run of every scheduler is a fresh JVM, so no JIT,
 * heap or thread state carries over from one to the next; each run is checked (dependencies, the
 * slot cap, every task once) by the same {@link Checker} counting inside the task bodies, so the
 * peak concurrency of every row is counted the same way. The table gives medians of several runs
 * and their ratio to the ThreadPoolExecutor baseline.
 */
final class PeersBench {

    record Row(String name, Duration median, double ratio, int peak, Duration cpuPerTask, int runs) {
    }

    /** What one run in a child JVM measured. */
    record Measured(Duration wall, int peak, Duration cpu) {

        String line() {
            return "MEASURED " + wall.toNanos() + " " + peak + " " + cpu.toNanos();
        }

        static Measured parse(String line) {
            String[] f = line.split(" ");
            return new Measured(Duration.ofNanos(Long.parseLong(f[1])), Integer.parseInt(f[2]),
                    Duration.ofNanos(Long.parseLong(f[3])));
        }
    }

    private PeersBench() {
    }

    static List<Peer> peers() {
        return List.of(new ThreadPoolPeer(), new DexecutorPeer(), new TemporalPeer(), new QuartzPeer(),
                new JobRunrPeer(), new SlotflowPeer());
    }

    static List<Row> run(int n, int k, boolean zeroWork, int runs, long seed) throws Exception {
        List<Peer> peers = peers();
        List<List<Measured>> measured = new ArrayList<>();
        peers.forEach(p -> measured.add(new ArrayList<>()));
        for (int r = 0; r < runs; r++) {
            for (int p = 0; p < peers.size(); p++) {
                System.err.printf("  %s, %,d nodes, run %d of %d ...%n", peers.get(p).name(), n, r + 1, runs);
                Measured m = inFreshJvm(p, n, k, zeroWork, seed);
                measured.get(p).add(m);
                System.err.printf("  %s: %s%n", peers.get(p).name(), Stats.seconds(m.wall()));
            }
        }
        Duration baseline = Stats.median(measured.get(0).stream().map(Measured::wall).toList());
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < peers.size(); p++) {
            List<Measured> list = measured.get(p);
            Duration median = Stats.median(list.stream().map(Measured::wall).toList());
            Duration cpu = Stats.median(list.stream().map(Measured::cpu).toList()).dividedBy(n);
            int peak = list.stream().mapToInt(Measured::peak).max().orElse(0);
            rows.add(new Row(peers.get(p).name(), median, (double) median.toNanos() / baseline.toNanos(), peak, cpu,
                    list.size()));
        }
        return rows;
    }

    /** Runs peer number {@code peer} once in a new JVM with this JVM's class path and heap limit. */
    private static Measured inFreshJvm(int peer, int n, int k, boolean zeroWork, long seed)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.add("-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName(), "peer-once",
                Integer.toString(peer), Integer.toString(n), Integer.toString(k), zeroWork ? "zero" : "timed",
                Long.toString(seed)));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Measured measured = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("MEASURED ")) {
                    measured = Measured.parse(line);
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || measured == null) {
            throw new IllegalStateException(peers().get(peer).name() + ": the run's JVM exited " + exit
                    + " without a measurement (its errors are above)");
        }
        return measured;
    }

    /** The child's side: one run of one peer, checked, printed as one MEASURED line. */
    static void runOnce(int peer, int n, int k, boolean zeroWork, long seed) throws Exception {
        Peer chosen = peers().get(peer);
        Dag dag = Dag.random(n, seed, zeroWork ? 0 : 1_000, zeroWork ? 0 : 5_000);
        Checker checker = new Checker(dag, k);
        long cpuBefore = EngineBench.processCpuNanos();
        Duration wall = chosen.run(dag, k, zeroWork, checker);
        Duration cpu = Duration.ofNanos(EngineBench.processCpuNanos() - cpuBefore);
        try {
            checker.verify();
        } catch (IllegalStateException broken) {
            throw new IllegalStateException(chosen.name() + ": " + broken.getMessage(), broken);
        }
        System.out.println(new Measured(wall, checker.peak(), cpu).line());
    }
}
