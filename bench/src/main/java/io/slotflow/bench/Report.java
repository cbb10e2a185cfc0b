package io.slotflow.bench;

import io.slotflow.bench.jmh.FoldBenchmark;
import io.slotflow.bench.jmh.PolicyBenchmark;
import io.slotflow.sim.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs every benchmark and writes docs/benchmarks.md: tables with the date, the machine and the commands. */
final class Report {

    private static final String COMMAND = "bench/run";
    private final Path examples;
    private final StringBuilder md = new StringBuilder();

    Report(Path examples) {
        this.examples = examples;
    }

    /** Only the policy-quality section, as it appears in the report (to check one part alone). */
    String quality() throws Exception {
        qualitySection();
        return md.toString();
    }

    String write() throws Exception {
        md.append("# Benchmarks\n\n")
                .append("Every table on this page is written by `").append(COMMAND).append("` (it builds the `bench` module ")
                .append("with `mvn -Pbench` and runs `java -jar bench/target/benchmarks.jar report docs/benchmarks.md`). ")
                .append("Measured on ").append(Machine.date()).append(", on ").append(Machine.describe())
                .append(". These machines are shared and noisy: compare rows of one table, measured in the same run, ")
                .append("rather than absolute times.\n\n");
        policy();
        fold();
        engine();
        peers();
        qualitySection();
        replay();
        apiLoad();
        cluster();
        return md.toString();
    }

    private void policy() throws Exception {
        section("One dispatch decision (JMH)", "The policy over a ready queue of 10, 1,000 or 10,000 nodes "
                + "(a quarter of them reviews) with K = 8 or 64 slots. *slot freed*: K − 1 sessions run and one slot "
                + "is free, the common case; *all blocked*: every ready node conflicts with a running one — the worst "
                + "case for a decision that looks at each ready node and gives each a reason. Three measures: "
                + "*decide*, the straightforward decision (`DispatchPolicy.decide`, the reference the engine's is held "
                + "to); *among open*, the engine's decision (`decideAmongOpen`) on the same snapshot with nothing "
                + "changed since its last — it keeps which nodes a running footprint blocks and walks only the others; "
                + "*slot cycle*, one slot's turn for the engine's decision: a session ends, the nodes it blocked are "
                + "looked at again, the decision starts what it can, each start runs and a node like it joins the "
                + "queue (all blocked, about 1 / (K − 1) of the queue changes each turn). Target: under 100 µs at "
                + "10,000 ready nodes, all blocked. `PolicyBenchmark`, 3 warm-up and 5 measured iterations of 2 s, "
                + "1 fork.");
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(PolicyBenchmark.class.getName())
                .build()).run();
        md.append("| ready nodes | K | scenario | measure | µs per call | ± (99.9%) |\n|---:|---:|---|---|---:|---:|\n");
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> key(a).compareTo(key(b)));
        for (RunResult r : sorted) {
            md.append(String.format("| %,d | %s | %s | %s | %.2f | %.2f |%n", Integer.parseInt(r.getParams().getParam("ready")),
                    r.getParams().getParam("slots"), r.getParams().getParam("scenario").equals("slotFreed")
                            ? "slot freed" : "all blocked", measure(r),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
        }
        md.append(String.format("%nAgainst the target: with 10,000 ready nodes all blocked at K = 8, the "
                + "straightforward decision takes %.0f µs; the engine's takes %.1f µs when nothing changed and %.0f µs "
                + "for a slot's whole turn, in which a session's end frees about 1,400 nodes to be asked again (K = 64: "
                + "%.1f µs and %.0f µs). A slot freed with 10,000 ready nodes: %.1f µs for the straightforward "
                + "decision, %.1f µs among open nodes.%n%n",
                score(sorted, "decide", "allBlocked", 10_000, 8), score(sorted, "decideAmongOpen", "allBlocked", 10_000, 8),
                score(sorted, "slotCycle", "allBlocked", 10_000, 8), score(sorted, "decideAmongOpen", "allBlocked", 10_000, 64),
                score(sorted, "slotCycle", "allBlocked", 10_000, 64), score(sorted, "decide", "slotFreed", 10_000, 8),
                score(sorted, "decideAmongOpen", "slotFreed", 10_000, 8)));
    }

    private static String method(RunResult r) {
        String label = r.getParams().getBenchmark();
        return label.substring(label.lastIndexOf('.') + 1);
    }

    private static String measure(RunResult r) {
        return switch (method(r)) {
            case "decide" -> "decide";
            case "decideAmongOpen" -> "among open";
            default -> "slot cycle";
        };
    }

    private static double score(List<RunResult> results, String method, String scenario, int ready, int slots) {
        return results.stream().filter(r -> method(r).equals(method) && r.getParams().getParam("scenario").equals(scenario)
                        && Integer.parseInt(r.getParams().getParam("ready")) == ready
                        && Integer.parseInt(r.getParams().getParam("slots")) == slots)
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst().orElse(Double.NaN);
    }

    private static String key(RunResult r) {
        return r.getParams().getParam("scenario") + String.format("%06d%03d",
                Integer.parseInt(r.getParams().getParam("ready")), Integer.parseInt(r.getParams().getParam("slots")))
                + method(r);
    }

    private void fold() throws Exception {
        section("Folding events into the run state (JMH)", "`RunState.fold` over the simulated events of a "
                + "10,000-node DAG: what replay, `status` and every run handle do for each event. `FoldBenchmark`.");
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(FoldBenchmark.class.getName()).build())
                .run();
        int events = Simulator.run(Dag.random(10_000, 42, 1_000, 5_000).toPlan(8)).events().size();
        for (RunResult r : results) {
            double folds = r.getPrimaryResult().getScore();
            md.append(String.format("| events per fold | folds per second | events per second |%n|---:|---:|---:|%n"
                    + "| %,d | %.1f ± %.1f | %,.0f |%n%n", events, folds, r.getPrimaryResult().getScoreError(),
                    folds * events));
        }
    }

    private void engine() throws Exception {
        section("End to end through the engine", "The real actors and an H2 file journal (`WRITE_DELAY=0`), sessions "
                + "in the JVM, K = 8, a seeded random DAG whose nodes depend on 0–3 earlier nodes. (a) zero-work "
                + "sessions: the engine's and journal's own cost, in nodes per second (target ≥ 10,000); (b) sessions "
                + "of 1–5 ms: wall time against `max(critical path, total work / K)` (target ≤ 1.05). Refill: from a "
                + "slot's session ending to the slot's next session starting, when a node was waiting (target p99 ≤ 5 ms). "
                + "Dispatch → start: from an assignment's decision to its session's start, which is the assignment's "
                + "journal write and two messages. Peak heap: sampled every 20 ms during the run. CPU per node: the "
                + "process's CPU time during the run (every thread) divided by the nodes — the figure that depends "
                + "least on what else the shared machine runs (target ≤ 0.15 ms). Bytes per event: the H2 file's "
                + "size once the engine closed it, divided by the run's events (target ≤ 500 B). Every run is "
                + "checked by the verifier.");
        md.append("| nodes | sessions | wall | nodes/s | CPU per node | bytes per event | wall / lower bound | refill p50 "
                        + "| refill p99 | dispatch → start p50 | peak heap | broken guarantees |\n")
                .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<EngineBench.Result> results = new ArrayList<>();
        for (int n : new int[] {1_000, 10_000}) {
            for (boolean zero : new boolean[] {true, false}) {
                System.err.printf("engine: %d nodes, %s%n", n, zero ? "zero work" : "1-5 ms");
                EngineBench.Result r = EngineBench.run(n, 8, zero, 42);
                results.add(r);
                md.append(String.format("| %,d | %s | %s | %s | %.2f ms | %,d | %s | %s | %s | %s | %s | %d |%n", n,
                        zero ? "zero work" : "1–5 ms", Stats.seconds(r.wall()), Stats.count(r.nodesPerSecond()),
                        r.cpuPerNode().toNanos() / 1e6, r.bytesPerEvent(), zero ? "—" : String.format("%.2f", r.ratio()), Stats.millis(r.refill().p50()),
                        Stats.millis(percentile99(r)), Stats.millis(r.dispatchToStart().p50()),
                        Stats.mib(r.peakHeapBytes()), r.violations()));
            }
        }
        System.err.println("journal round trip");
        List<JournalBench.Row> journal = JournalBench.run(200, 1_000);
        md.append("\nThe journal's round trip as an actor sees it (`persist` to its callback, one write at a time, "
                + "tagged like a run's events, on the same H2 file journal; `JournalBench`, 1,000 writes after 200 "
                + "to warm up):\n\n| events per write | p50 | p99 |\n|---:|---:|---:|\n");
        for (JournalBench.Row row : journal) {
            md.append(String.format("| %d | %s | %s |%n", row.eventsPerWrite(), Stats.millis(row.roundTrip().p50()),
                    Stats.millis(row.roundTrip().p99())));
        }
        EngineBench.Result zero = results.get(2);
        EngineBench.Result timed = results.get(3);
        md.append(targets(zero, timed, journal.get(1).roundTrip().p50()));
    }

    /** The engine's figures against the targets, and what the measurements say limits them. */
    static String targets(EngineBench.Result zero, EngineBench.Result timed, java.time.Duration write) {
        // from the cycle as the table shows it, so that the figure can be checked against the table
        double cycle = Math.round(zero.refill().p50().toNanos() / 1e5) / 10.0;
        return String.format("%n**Against the targets.** Zero-work throughput is %s nodes/s at 10,000 nodes, %.1f× "
                + "short of 10,000; refill p99 is %s against 5 ms; wall / lower bound with 1–5 ms sessions is %.2f "
                + "against 1.05. Each slot cycles once per node: its session ends, the slot manager records the end "
                + "and the next assignment in one journal write, and only then starts the next session — the guarantee "
                + "that a crash never runs a node twice. So zero-work throughput is K divided by that cycle, the "
                + "refill time: K / %s = %,d nodes/s, close to what was measured. Of the cycle, %s is the assignment's "
                + "write (dispatch → start), which takes %s when nothing else writes (the table above): the spec "
                + "actor's writes — each outcome and the nodes it makes ready — go to the same database between the "
                + "slot manager's. The rest is messages between the actors. Already done: the slot manager decides "
                + "on everything that arrived during a write in one decision and one write, and each spec actor "
                + "records every outcome that arrived meanwhile in one write. 10,000 nodes/s at K = 8 needs a cycle "
                + "of 0.8 ms, about the bare write alone.%n%n",
                Stats.count(zero.nodesPerSecond()), 10_000 / zero.nodesPerSecond(), Stats.millis(timed.refill().p99()),
                timed.ratio(), Stats.millis(zero.refill().p50()), (int) (8 * 1_000 / cycle),
                Stats.millis(zero.dispatchToStart().p50()), Stats.millis(write));
    }

    private static java.time.Duration percentile99(EngineBench.Result r) {
        return r.refill().p99();
    }

    private void peers() throws Exception {
        section("Peers on the same workload", "Each scheduler runs the same random DAG of 1,000 and of 10,000 nodes "
                + "with at most K = 8 tasks at once, three times; every run is a fresh JVM (no JIT, heap or thread "
                + "state carried over from another scheduler or run). The table gives the median wall time, its ratio "
                + "to the `ThreadPoolExecutor` baseline, the peak concurrency — counted inside the task bodies by the "
                + "same checker for every scheduler, Slotflow included — and the child JVM's CPU time per task "
                + "(median; it includes the scheduler's own start). Every run is checked: no task before its "
                + "dependencies, never more than K at once, every task exactly once, and Slotflow's journal by the "
                + "verifier. Work is a sleep in the worker (1–5 ms) or nothing. Slotflow and Temporal, Quartz and "
                + "JobRunr journal every step; the baseline and Dexecutor keep nothing.");
        for (int n : new int[] {1_000, 10_000}) {
            for (boolean zero : new boolean[] {true, false}) {
                System.err.printf("peers: %,d nodes, %s%n", n, zero ? "zero work" : "1-5 ms");
                List<PeersBench.Row> rows = PeersBench.run(n, 8, zero, 3, 42);
                md.append(String.format("%n**%,d %s**%n%n", n, zero ? "zero-work tasks" : "tasks of 1–5 ms"))
                        .append("| scheduler | median wall | ratio to baseline | peak concurrency | CPU per task |\n"
                                + "|---|---:|---:|---:|---:|\n");
                for (PeersBench.Row row : rows) {
                    md.append(String.format("| %s | %s | %.1f× | %d | %.3f ms |%n", row.name(),
                            Stats.seconds(row.median()), row.ratio(), row.peak(), row.cpuPerTask().toNanos() / 1e6));
                }
            }
        }
        md.append('\n');
    }

    private void qualitySection() throws Exception {
        section("Policy quality (simulator)", "The dispatch policy's schedules in virtual time: makespan against the "
                + "lower bound on random DAGs of 1,000 nodes of 1–15 minutes each, K = 8, seven seeds.");
        md.append("| dispatch | order | median makespan / lower bound | worst |\n|---|---|---:|---:|\n");
        for (QualityBench.PolicyRow row : QualityBench.policies(1_000, 8, 7)) {
            md.append(String.format("| %s | %s | %.3f | %.3f |%n", row.dispatch(), row.order(), row.medianRatio(),
                    row.worstRatio()));
        }
        md.append("\nThe review flood (`docs/examples/review-flood.yaml`, simulated): how long implementation work "
                + "waited while reviews held the slots, whether all three slots ever ran reviews while implementation "
                + "work waited, when the last implementation group ended, the makespan, its ratio to the variant's "
                + "lower bound and slot utilization.\n\n")
                .append("| variant | implementation waiting behind reviews | every slot held by reviews | "
                        + "implementation done after | makespan | / lower bound | slot utilization |\n"
                        + "|---|---:|---|---:|---:|---:|---:|\n");
        for (QualityBench.FloodRow row : QualityBench.flood(examples)) {
            md.append(String.format("| %s | %s | %s | %s | %s | %.2f× | %.0f%% |%n", row.variant(),
                    Stats.seconds(row.implementationWait()), row.everySlotHeld() ? "yes" : "no",
                    Stats.seconds(row.implementationDone()), Stats.seconds(row.makespan()), row.ratio(),
                    100 * row.utilization()));
        }
        md.append("\nThe same flood through the real engine (actors, H2 journal, the process runner running the plan's "
                + "`sleep` commands, as `./slotflow run` does), beside the simulator's prediction (`dry-run`). Sessions "
                + "cost more than their `sleep` (process start, journal writes, the machine's load), which the "
                + "prediction does not count.\n\n")
                .append("| variant | predicted makespan | measured makespan | / lower bound | slot utilization | "
                        + "implementation waiting behind reviews | borrowed sessions | broken guarantees |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (QualityBench.RealFloodRow row : QualityBench.floodThroughEngine(examples)) {
            md.append(String.format("| %s | %s | %s | %.2f× | %.0f%% | %s | %d | %d |%n", row.variant(),
                    Stats.seconds(row.predicted()), Stats.seconds(row.makespan()), row.ratio(), 100 * row.utilization(),
                    Stats.seconds(row.implementationWait()), row.borrowed(), row.violations()));
        }
        md.append('\n');
    }

    private void replay() throws Exception {
        section("Replay and scale", "A run written into an H2 journal (the journal plugin's rows for the "
                + "run's events under the run's tag, inserted in batches: `ReplayBench.serialRun`, `insertRows`), then "
                + "read back by a fresh reader that starts no actor system (`JournalReader.openExisting`, `events`: "
                + "one JDBC query for the run's events by tag in journal order, run lazily, each payload decoded) and folded "
                + "(`RunState.fold`). CPU is the whole JVM's (GC and JIT included), the figure that does not depend "
                + "on the machine's load; the last column is the reading thread's own CPU (read and fold), without "
                + "the JIT compiler's and the collector's threads.");
        md.append("| events | read | read CPU | fold | fold CPU | read + fold events/s | CPU per event "
                + "| reading thread's CPU per event |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int events : new int[] {10_000, 100_000, 1_000_000}) {
            System.err.printf("replay: %d events%n", events);
            ReplayBench.ReplayRow row = ReplayBench.replay(events);
            md.append(String.format("| %,d | %s | %s | %s | %s | %s | %.1f µs | %.1f µs |%n", row.events(),
                    Stats.seconds(row.read()), Stats.seconds(row.readCpu()), Stats.seconds(row.fold()),
                    Stats.seconds(row.foldCpu()), Stats.count(row.eventsPerSecond()), row.cpuMicrosPerEvent(),
                    row.mainThreadCpu().toNanos() / 1e3 / row.events()));
        }
        System.err.println("resume after kill -9");
        ResumeBench.Row resume = ResumeBench.run(10_000, 0.4);
        md.append(String.format("%nResuming a 10,000-node run (zero-work sessions) killed with `kill -9` after %,d nodes "
                + "had succeeded: from the engine's start to its first new dispatch **%s**, to completion **%s**.%n",
                resume.doneBeforeKill(), Stats.seconds(resume.toFirstDispatch()), Stats.seconds(resume.toCompletion())));
        System.err.println("heap for 100,000 nodes");
        long heap = ReplayBench.heapForPlan(100_000);
        md.append(String.format("%nHeap held by a run of a 100,000-node plan once every node is planned and the first "
                + "ready ones are queued (plan, graph, spec and slot-manager state, the run handle's folded state), "
                + "measured after a full GC: **%s**.%n%n", Stats.mib(heap)));
    }

    private void apiLoad() throws Exception {
        section("The control API under load", API_LOAD_INTRO);
        md.append(apiLoadTable(ApiLoad.run(java.nio.file.Files.createTempDirectory("slotflow-api-load"), 10_000, 200, 20)));
    }

    static final String API_LOAD_INTRO = "`slotflow serve`'s engine (H2 journal, in-JVM sessions that succeed at once, "
            + "K = 16) runs 10,000 nodes submitted through the API, while 200 clients ask without pause for the run's "
            + "status (three requests in four) or the list of runs, and 20 subscribers follow the run's event stream "
            + "from offset 0 to its end. Latency is each request's round trip as the client sees it. "
            + "`java -jar bench/target/benchmarks.jar api-load 10000 200 20`; `ApiLoadTest` is a smaller version "
            + "(1,000 nodes, 40 clients, 5 streams) that checks every stream.";

    static String apiLoadTable(ApiLoad.Result r) {
        long exact = r.streams().stream().filter(s -> s.missing() == 0 && s.duplicated() == 0 && s.outOfOrder() == 0
                && s.received() == r.journalEvents()).count();
        int reconnects = r.streams().stream().mapToInt(ApiLoad.StreamCheck::reconnects).sum();
        return String.format("| nodes | clients | streams | requests | failed | p50 | p99 | max | run | process CPU "
                + "| journal events | streams with every event once (reconnections) | load average before, after |%n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|%n"
                + "| %,d | %d | %d | %,d | %d | %.1f ms | %.1f ms | %.1f ms | %.1f s | %.1f s | %,d | %d of %d (%d) "
                + "| %s; %s |%n%n",
                r.nodes(), r.clients(), r.subscribers(), r.requests(), r.errors(), r.p50Millis(), r.p99Millis(),
                r.maxMillis(), r.runTime().toMillis() / 1000.0, r.processCpu().toMillis() / 1000.0, r.journalEvents(),
                exact, r.streams().size(), reconnects, r.loadBefore(), r.loadAfter());
    }

    private void cluster() throws Exception {
        section("Cluster", "Member JVMs on this machine (`slotflow node`'s code, sessions in the JVM), a PostgreSQL "
                + "journal on the same machine, a client member submitting the run. On one small machine more members "
                + "add resilience, not CPU: they share the same two cores and the same database, and every decision "
                + "crosses a network hop to the coordinator.");
        String url = System.getenv("SLOTFLOW_BENCH_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            md.append("Not measured: set `SLOTFLOW_BENCH_POSTGRES_URL` (bench/run starts a throwaway server with "
                    + "`.ci/postgres`).\n\n");
            return;
        }
        md.append("| members | slots each | nodes (zero work, K = 8) | wall | nodes/s | broken guarantees |\n"
                + "|---:|---:|---:|---:|---:|---:|\n");
        for (ClusterBench.Throughput row : ClusterBench.throughput(url, 1_000)) {
            md.append(String.format("| %d | 8 | %,d | %s | %s | %d |%n", row.members(), row.nodes(),
                    Stats.seconds(row.wall()), Stats.count(row.nodesPerSecond()), row.violations()));
        }
        ClusterBench.Handover handover = ClusterBench.handover(url);
        md.append(String.format("%nHandover: three members with 2 slots each run 300 sessions of 200 ms (K = 6); the "
                + "member hosting the coordinator is killed with `kill -9` after 30 sessions started. From the kill "
                + "to the new coordinator's `run-resumed`: **%s**; to its first dispatch: **%s** (failure detection, "
                + "the split-brain resolver's 7 s `stable-after`, removal, then recovery from the journal). Broken "
                + "guarantees in the run: %d.%n%n", Stats.seconds(handover.killToResumed()),
                Stats.seconds(handover.killToNextStart()), handover.violations()));
    }

    private void section(String title, String text) {
        md.append("## ").append(title).append("\n\n").append(text).append("\n\n");
    }
}
