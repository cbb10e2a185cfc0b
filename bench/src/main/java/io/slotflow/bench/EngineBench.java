package io.slotflow.bench;

import io.slotflow.core.SessionKey;
import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.Slotflow;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionStarted;
import io.slotflow.metrics.Percentiles;
import io.slotflow.persistence.JournalWriteStats;
import io.slotflow.verify.Verifier;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End to end through the real engine: a random DAG, sessions in the JVM, the journal on an H2 file
 * with WRITE_DELAY=0. Measures nodes per second, makespan against the lower bound, refill latency
 * (slot freed → next session started, when a node was waiting) and peak heap.
 */
public final class EngineBench {

    /** One measured run. */
    public record Result(int nodes, int slots, boolean zeroWork, Duration wall, double nodesPerSecond,
            Duration lowerBound, double ratio, Percentiles refill, Percentiles dispatchToStart, long peakHeapBytes,
            int violations, int peak, Duration cpu, long events, long journalBytes, long commits) {

        /** Process CPU time (every thread, user and system) during the run, per node. */
        public Duration cpuPerNode() {
            return cpu.dividedBy(nodes);
        }

        /** One line with the figures to compare across machines and loads: CPU per node and bytes per event. */
        public String summary() {
            return String.format("%,d nodes in %.2f s: %,.0f nodes/s; CPU %.2f s = %.3f ms per node; journal %,d bytes"
                    + " for %,d events = %,d bytes per event; %,d commits = %.2f per node; refill p50 %.1f ms p99 %.1f ms;"
                    + " broken guarantees %d",
                    nodes, wall.toNanos() / 1e9, nodesPerSecond, cpu.toNanos() / 1e9, cpuPerNode().toNanos() / 1e6,
                    journalBytes, events, bytesPerEvent(), commits, (double) commits / nodes,
                    refill.p50().toNanos() / 1e6, refill.p99().toNanos() / 1e6, violations);
        }

        /** The H2 file's size once the engine closed it, per event of the run. */
        public long bytesPerEvent() {
            return events == 0 ? 0 : journalBytes / events;
        }
    }

    private EngineBench() {
    }

    public static Result run(int n, int k, boolean zeroWork, long seed) throws Exception {
        try (Scratch scratch = Scratch.create("slotflow-bench")) {
            return run(Dag.random(n, seed, zeroWork ? 0 : 1_000, zeroWork ? 0 : 5_000), n, k, zeroWork, scratch.path());
        }
    }

    private static Result run(Dag dag, int n, int k, boolean zeroWork, Path dir) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        Result measured;
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), new InJvmRunner(dag, zeroWork))) {
            sampler.start();
            long cpuBefore = processCpuNanos();
            long commitsBefore = JournalWriteStats.commits();
            long start = System.nanoTime();
            RunResult result = engine.run(dag.toPlan(k), new RunOptions("bench", dir)).result().toCompletableFuture()
                    .get(30, TimeUnit.MINUTES);
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            Duration cpu = Duration.ofNanos(processCpuNanos() - cpuBefore);
            long commits = JournalWriteStats.commits() - commitsBefore;
            sampler.interrupt();
            if (result.outcome() != RunResult.Outcome.SUCCEEDED) {
                throw new IllegalStateException("bench run ended " + result.outcome() + " " + result.reason());
            }
            List<RunEvent> journal = engine.journal().events("bench");
            int violations = new Verifier().check(journal).size();
            Duration lowerBound = dag.lowerBound(k);
            measured = new Result(n, k, zeroWork, wall, n / (wall.toNanos() / 1e9), lowerBound,
                    lowerBound.isZero() ? 0 : (double) wall.toNanos() / lowerBound.toNanos(), refill(journal),
                    dispatchToStart(journal), peak.get(), violations, io.slotflow.metrics.Telemetry.of(journal).peakConcurrency(),
                    cpu, journal.size(), 0, commits);
        } finally {
            sampler.interrupt();
        }
        long bytes = Files.size(dir.resolve("journal.mv.db")); // the engine has closed its journal
        return new Result(measured.nodes(), k, zeroWork, measured.wall(), measured.nodesPerSecond(), measured.lowerBound(),
                measured.ratio(), measured.refill(), measured.dispatchToStart(), measured.peakHeapBytes(),
                measured.violations(), measured.peak(), measured.cpu(), measured.events(), bytes, measured.commits());
    }

    /** CPU time of the whole process so far, every thread. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** For each slot freed while a node was ready: the time until the slot's next session started. */
    static Percentiles refill(List<RunEvent> journal) {
        Map<Integer, Instant> freedAt = new HashMap<>();
        Map<SessionKey, NodeDispatched> dispatched = new HashMap<>();
        List<Duration> refills = new ArrayList<>();
        for (RunEvent e : journal) {
            if (e instanceof SessionFinished f) {
                freedAt.put(f.slot(), f.at());
            } else if (e instanceof NodeDispatched d) {
                dispatched.put(new SessionKey(d.node(), d.attempt()), d);
            } else if (e instanceof SessionStarted s) {
                Instant freed = freedAt.remove(s.slot());
                NodeDispatched d = dispatched.remove(new SessionKey(s.node(), s.attempt()));
                if (freed != null && d != null && !d.readyAt().isAfter(freed)) {
                    refills.add(Duration.between(freed, s.at()));
                }
            }
        }
        return Percentiles.of(refills);
    }

    /**
     * From an assignment's decision to its session's start: the assignment's journal write and the
     * messages that start the session.
     */
    static Percentiles dispatchToStart(List<RunEvent> journal) {
        Map<SessionKey, Instant> decided = new HashMap<>();
        List<Duration> waits = new ArrayList<>();
        for (RunEvent e : journal) {
            if (e instanceof NodeDispatched d) {
                decided.put(new SessionKey(d.node(), d.attempt()), d.at());
            } else if (e instanceof SessionStarted s) {
                Instant at = decided.remove(new SessionKey(s.node(), s.attempt()));
                if (at != null) {
                    waits.add(Duration.between(at, s.at()));
                }
            }
        }
        return Percentiles.of(waits);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean zeroWork = args.length < 2 || args[1].equals("zero");
        Result r = run(n, 8, zeroWork, 42);
        System.out.println(r);
        System.exit(0);
    }
}
