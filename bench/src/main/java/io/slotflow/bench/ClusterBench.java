package io.slotflow.bench;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.cluster.NodeSettings;
import io.slotflow.engine.cluster.SlotflowNode;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionStarted;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.verify.Verifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slotflow on a cluster of member JVMs on this machine, sharing a PostgreSQL journal: throughput
 * with 1, 2 and 3 members on the zero-work workload, and the coordinator's handover after its
 * member is killed with {@code kill -9}.
 */
final class ClusterBench {

    record Throughput(int members, int nodes, Duration wall, double nodesPerSecond, int violations) {
    }

    record Handover(Duration killToResumed, Duration killToNextStart, int violations) {
    }

    private ClusterBench() {
    }

    /** {@code n} zero-work nodes, K = 8, on 1, 2 and 3 members that have 8 slots each. */
    static List<Throughput> throughput(String journalUrl, int n) throws Exception {
        List<Throughput> rows = new ArrayList<>();
        for (int members = 1; members <= 3; members++) {
            System.err.printf("cluster: %d member(s), %d zero-work nodes%n", members, n);
            try (Cluster cluster = Cluster.start(members, 8, journalUrl, n, true)) {
                Dag dag = Dag.random(n, 42, 0, 0);
                String runId = "throughput-" + members + "-" + UUID.randomUUID().toString().substring(0, 6);
                long start = System.nanoTime();
                RunResult result = cluster.client.submit(dag.toPlan(8), new RunOptions(runId, cluster.dir)).result()
                        .toCompletableFuture().get(30, TimeUnit.MINUTES);
                Duration wall = Duration.ofNanos(System.nanoTime() - start);
                check(result);
                int violations = new Verifier().check(cluster.client.journal().events(runId)).size();
                rows.add(new Throughput(members, n, wall, n / (wall.toNanos() / 1e9), violations));
            }
        }
        return rows;
    }

    /** Three members with 2 slots each, sessions of 200 ms; the coordinator's member is killed mid-run. */
    static Handover handover(String journalUrl) throws Exception {
        int n = 300;
        System.err.println("cluster: handover after kill -9");
        try (Cluster cluster = Cluster.start(3, 2, journalUrl, n, false)) {
            Dag dag = Dag.random(n, 42, 200_000, 200_000);
            String runId = "handover-" + UUID.randomUUID().toString().substring(0, 6);
            AtomicInteger started = new AtomicInteger();
            CompletableFuture<Void> enough = new CompletableFuture<>();
            RunHandle run = cluster.client.submit(dag.toPlan(6), new RunOptions(runId, cluster.dir));
            run.subscribe(e -> {
                if (e instanceof SessionStarted && started.incrementAndGet() >= 30) {
                    enough.complete(null);
                }
            });
            enough.get(5, TimeUnit.MINUTES);
            Instant killed = Instant.now();
            cluster.members.get(0).destroyForcibly(); // SIGKILL; the oldest worker hosts the coordinator
            check(run.result().toCompletableFuture().get(30, TimeUnit.MINUTES));
            List<RunEvent> events = cluster.client.journal().events(runId);
            Instant resumed = events.stream().filter(e -> e instanceof RunResumed).map(e -> ((RunResumed) e).at())
                    .filter(at -> at.isAfter(killed)).findFirst().orElseThrow();
            Instant nextStart = events.stream().filter(e -> e instanceof NodeDispatched d && d.at().isAfter(killed))
                    .map(e -> ((NodeDispatched) e).at()).findFirst().orElseThrow();
            return new Handover(Duration.between(killed, resumed), Duration.between(killed, nextStart),
                    new Verifier().check(events).size());
        }
    }

    private static void check(RunResult result) {
        if (result.outcome() != RunResult.Outcome.SUCCEEDED) {
            throw new IllegalStateException("cluster bench run ended " + result.outcome() + " " + result.reason());
        }
    }

    /** The member JVM: {@code member PORT SEEDS SLOTS JOURNAL DIR NODES zero|timed}; prints "up" once joined. */
    static void member(String[] args) throws Exception {
        int n = Integer.parseInt(args[6]);
        boolean zero = args[7].equals("zero");
        Dag dag = Dag.random(n, 42, zero ? 0 : 200_000, zero ? 0 : 200_000);
        EngineSettings engine = EngineSettings.defaults(Path.of(args[5]))
                .withJournal(JournalSettings.fromUrl(args[4], System.getenv(), 8));
        SlotflowNode node = SlotflowNode.start(new NodeSettings(engine, "127.0.0.1", Integer.parseInt(args[1]),
                List.of(args[2].split(",")), Integer.parseInt(args[3])), new InJvmRunner(dag, zero));
        node.awaitUp(Duration.ofMinutes(2));
        System.out.println("up");
        System.out.flush();
        node.whenStopped().toCompletableFuture().join();
    }

    /** Member JVMs and a client member in this JVM. */
    private static final class Cluster implements AutoCloseable {
        final List<Process> members = new ArrayList<>();
        final Path dir;
        SlotflowNode client;

        private Cluster(Path dir) {
            this.dir = dir;
        }

        static Cluster start(int count, int slots, String journalUrl, int n, boolean zero) throws Exception {
            Cluster cluster = new Cluster(Files.createTempDirectory("slotflow-cluster-bench"));
            List<String> seeds = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ports.add(freePort());
                seeds.add("127.0.0.1:" + ports.get(i));
            }
            try {
                for (int i = 0; i < count; i++) {
                    Process member = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-Xmx1g", "-cp", System.getProperty("java.class.path"), Bench.class.getName(), "member",
                            Integer.toString(ports.get(i)), String.join(",", seeds), Integer.toString(slots), journalUrl,
                            cluster.dir.resolve("member-" + i).toString(), Integer.toString(n), zero ? "zero" : "timed")
                            .redirectErrorStream(true).start();
                    cluster.members.add(member);
                    awaitUp(member);
                }
                EngineSettings engine = EngineSettings.defaults(cluster.dir.resolve("client"))
                        .withJournal(JournalSettings.fromUrl(journalUrl, Map.of(), 4));
                cluster.client = SlotflowNode.start(new NodeSettings(engine, "127.0.0.1", 0, seeds, 0),
                        request -> {
                            throw new IllegalStateException("the client runs no sessions");
                        });
                cluster.client.awaitUp(Duration.ofMinutes(1));
                return cluster;
            } catch (Exception e) {
                cluster.close();
                throw e;
            }
        }

        private static void awaitUp(Process member) throws IOException {
            BufferedReader out = new BufferedReader(new InputStreamReader(member.getInputStream()));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals("up")) {
                    Thread drain = new Thread(() -> {
                        try {
                            while (out.readLine() != null) {
                                // keep the pipe flowing
                            }
                        } catch (IOException gone) {
                            // the member ended
                        }
                    });
                    drain.setDaemon(true);
                    drain.start();
                    return;
                }
            }
            throw new IllegalStateException("a cluster member did not come up");
        }

        @Override
        public void close() {
            if (client != null) {
                client.close();
            }
            for (Process member : members) {
                member.destroy();
            }
            for (Process member : members) {
                try {
                    if (!member.waitFor(60, TimeUnit.SECONDS)) {
                        member.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    member.destroyForcibly();
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
