package io.slotflow.bench;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.runner.SessionHandle;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.event.EventCodec;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SessionStarted;
import io.slotflow.event.SpecCompleted;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSchema;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.persistence.RunEventSerializer;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanDigest;
import io.slotflow.state.RunState;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/** Reading journals back and holding big plans: replay speed, resuming a big run, heap for a big plan. */
final class ReplayBench {

    /**
     * One replay measured: wall and process CPU of the read (query and decode) and of the fold, each
     * on its own; the CPU includes every thread of the JVM (GC and JIT too), which under load is the
     * figure that does not depend on what else the machine runs.
     */
    record ReplayRow(int events, Duration write, Duration read, Duration readCpu, Duration fold, Duration foldCpu,
            Duration mainThreadCpu) {

        double eventsPerSecond() {
            return events / ((read.toNanos() + fold.toNanos()) / 1e9);
        }

        /** Read and fold CPU per event, in microseconds. */
        double cpuMicrosPerEvent() {
            return (readCpu.toNanos() + foldCpu.toNanos()) / 1e3 / events;
        }

        @Override
        public String toString() {
            return String.format("%,d events: write %s; read %s (CPU %s); fold %s (CPU %s); read + fold %s events/s,"
                    + " %.1f µs CPU per event (%s of it on the reading thread, the rest JIT and GC)", events,
                    Stats.seconds(write), Stats.seconds(read), Stats.seconds(readCpu), Stats.seconds(fold),
                    Stats.seconds(foldCpu), Stats.count(eventsPerSecond()), cpuMicrosPerEvent(),
                    Stats.seconds(mainThreadCpu));
        }
    }

    private ReplayBench() {
    }

    /**
     * Writes a run of about {@code events} events ({@link #serialRun}) into an H2 journal (the rows
     * the engine's actors write, inserted directly: {@link #insertRows}), then
     * reads it back with a fresh reader that starts no actor system ({@link JournalReader#openExisting},
     * as the read commands do) and folds it.
     */
    static ReplayRow replay(int events) throws Exception {
        return replay(events, Files.createTempDirectory("slotflow-replay"));
    }

    /**
     * As {@link #replay(int)}, with the journal in {@code dir}: written there unless a previous call
     * left one of as many events (noted in {@code replay-events}), so that the read can be measured
     * again, and profiled, without minutes of writing first.
     */
    static ReplayRow replay(int events, Path dir) throws Exception {
        long writeStart = System.nanoTime();
        Files.createDirectories(dir);
        JournalSettings settings = JournalSettings.embedded(dir);
        Path written = dir.resolve("replay-events");
        if (!Files.exists(written) || Integer.parseInt(Files.readString(written).trim()) != events) {
            writeJournal(events, settings);
            Files.writeString(written, events + "\n");
        }
        Duration write = Duration.ofNanos(System.nanoTime() - writeStart);
        System.gc();
        try (JournalReader reader = JournalReader.openExisting(settings)) {
            long cpu = processCpuNanos();
            long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long start = System.nanoTime();
            List<RunEvent> read = reader.events("replay");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Duration readCpu = Duration.ofNanos(processCpuNanos() - cpu);
            long foldCpu = processCpuNanos();
            long foldStart = System.nanoTime();
            RunState.fold(read);
            Duration fold = Duration.ofNanos(System.nanoTime() - foldStart);
            return new ReplayRow(read.size(), write, took, readCpu, fold,
                    Duration.ofNanos(processCpuNanos() - foldCpu),
                    Duration.ofNanos(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu));
        }
    }

    private static void writeJournal(int events, JournalSettings settings) throws Exception {
        List<RunEvent> run = serialRun(Dag.random(Math.max(10, events / 5), 7, 1_000, 5_000).toPlan(8));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "writer", JournalConfig.of(settings));
        try {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
        insertRows(settings, run); // the read must not share the written events' memory: run is dropped here
    }

    /**
     * A finished run of a plan of one spec of groups listed in dependency order: each group in turn
     * made ready, dispatched, started, finished and succeeded (five events a node, the events and
     * payloads a simulated or real run writes for it), then the spec and the run complete. Built
     * directly because the simulator decides with the real policy at every step, which for 200,000
     * nodes takes hours on this machine; what is read and folded per event is the same.
     */
    static List<RunEvent> serialRun(Plan plan) {
        List<RunEvent> events = new ArrayList<>();
        Instant t = Instant.parse("2026-12-02T00:00:00Z");
        events.add(new PlanAccepted("replay", plan, PlanDigest.of(plan), t));
        int k = plan.run().slots();
        int i = 0;
        PlanGraph graph = PlanGraph.of(plan);
        for (NodeDef node : graph.groupNodes()) {
            int slot = i++ % k;
            Instant ready = t = t.plusMillis(1);
            events.add(new NodeReady(node.id(), 1, 0, ready));
            events.add(new NodeDispatched(node.id(), 1, slot, node.workClass(), node.footprint(), ready, Map.of(),
                    t = t.plusMillis(1), NodeDispatched.LOCAL));
            events.add(new SessionStarted(node.id(), 1, slot, 1_000 + i, t = t.plusMillis(1)));
            events.add(new SessionFinished(node.id(), 1, slot, SessionOutcome.SUCCEEDED, 0, "",
                    t = t.plus(node.estimate())));
            events.add(new NodeSucceeded(node.id(), 1, false, t));
        }
        for (String spec : graph.specIds()) {
            events.add(new SpecCompleted(spec, t));
        }
        events.add(new RunCompleted(t));
        return events;
    }

    /**
     * Inserts the rows pekko-persistence-jdbc's journal writes for these events of one persistent
     * actor (the run's slot manager) tagged with the run's tag: one {@code event_journal} row each,
     * payload and manifest from {@link EventCodec} as {@code RunEventSerializer} writes them, and one
     * {@code event_tag} row. Batched JDBC inserts, committed every 10,000 rows: persisting through an
     * actor wrote about 150 events/s on this loaded machine, hours for a million.
     */
    static void insertRows(JournalSettings settings, List<RunEvent> events) throws SQLException {
        EventCodec codec = EventCodec.standard();
        String persistenceId = PersistenceIds.slotManager("replay").id();
        String tag = PersistenceIds.runTag("replay");
        String writer = java.util.UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(settings.url(), settings.credentials());
                PreparedStatement journal = c.prepareStatement("INSERT INTO \"event_journal\" (\"ordering\", "
                        + "\"deleted\", \"persistence_id\", \"sequence_number\", \"writer\", \"write_timestamp\", "
                        + "\"adapter_manifest\", \"event_payload\", \"event_ser_id\", \"event_ser_manifest\") "
                        + "VALUES (?, FALSE, ?, ?, ?, ?, '', ?, ?, ?)");
                PreparedStatement tags = c.prepareStatement(
                        "INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)")) {
            c.setAutoCommit(false);
            long now = System.currentTimeMillis();
            for (int i = 0; i < events.size(); i++) {
                RunEvent event = events.get(i);
                long ordering = i + 1;
                journal.setLong(1, ordering);
                journal.setString(2, persistenceId);
                journal.setLong(3, ordering);
                journal.setString(4, writer);
                journal.setLong(5, now);
                journal.setBytes(6, codec.toBytes(event));
                journal.setInt(7, RunEventSerializer.IDENTIFIER);
                journal.setString(8, codec.manifest(event));
                journal.addBatch();
                tags.setLong(1, ordering);
                tags.setString(2, tag);
                tags.addBatch();
                if (ordering % 10_000 == 0 || ordering == events.size()) {
                    journal.executeBatch();
                    tags.executeBatch();
                    c.commit();
                }
            }
        }
    }

    /** CPU time of the whole JVM: all its threads, GC and JIT included. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Heap held by a run of a plan of {@code n} nodes with everything announced and queued, after a full GC. */
    static long heapForPlan(int n) throws Exception {
        Path dir = Files.createTempDirectory("slotflow-heap");
        CompletableFuture<SessionResult> never = new CompletableFuture<>();
        SessionHandle held = new SessionHandle() {
            @Override
            public java.util.concurrent.CompletionStage<SessionResult> result() {
                return never;
            }

            @Override
            public void cancel() {
                never.complete(SessionResult.failed("cancelled"));
            }
        };
        long before = usedAfterGc();
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), request -> held)) {
            Dag dag = Dag.random(n, 11, 0, 0);
            RunHandle run = engine.run(dag.toPlan(8), new RunOptions("heap", dir));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (run.status().running().size() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            int ready = run.status().count(NodeLifecycle.State.READY);
            System.err.printf("  heap: %d nodes, %d ready, 8 running%n", n, ready);
            return usedAfterGc() - before;
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    record Write(List<RunEvent> events, ActorRef<Done> replyTo) {
    }

    /** Persists batches of events under the run's tag, as the engine's actors would. */
    static final class Writer extends EventSourcedBehavior<Write, RunEvent, Integer> {
        Writer(PersistenceId id) {
            super(id);
        }

        @Override
        public Integer emptyState() {
            return 0;
        }

        @Override
        public Set<String> tagsFor(RunEvent event) {
            return Set.of(PersistenceIds.runTag("replay"));
        }

        @Override
        public CommandHandler<Write, RunEvent, Integer> commandHandler() {
            return newCommandHandlerBuilder().forAnyState().onCommand(Write.class,
                    (n, w) -> Effect().persist(w.events()).thenReply(w.replyTo(), s -> Done.getInstance())).build();
        }

        @Override
        public EventHandler<Integer, RunEvent> eventHandler() {
            return newEventHandlerBuilder().forAnyState().onAnyEvent((n, e) -> n + 1);
        }
    }

}
