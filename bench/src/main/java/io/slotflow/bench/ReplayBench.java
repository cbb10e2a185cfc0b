package io.slotflow.bench;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.runner.SessionHandle;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.event.RunEvent;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSchema;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.sim.Simulator;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.state.RunState;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    record ReplayRow(int events, Duration read, double eventsPerSecond, Duration fold) {
    }

    private ReplayBench() {
    }

    /** Writes a simulated run of about {@code events} events into an H2 journal, then reads it back from a fresh reader. */
    static ReplayRow replay(int events) throws Exception {
        int nodes = Math.max(10, events / 5);
        List<RunEvent> run = Simulator.run(Dag.random(nodes, 7, 1_000, 5_000).toPlan(8)).events();
        Path dir = Files.createTempDirectory("slotflow-replay");
        JournalSettings settings = JournalSettings.embedded(dir);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "writer", JournalConfig.of(settings));
        try {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
            ActorRef<Write> writer = system.systemActorOf(new Writer(PersistenceIds.slotManager("replay")), "writer",
                    Props.empty());
            for (int from = 0; from < run.size(); from += 1_000) {
                List<RunEvent> batch = run.subList(from, Math.min(run.size(), from + 1_000));
                AskPattern.<Write, Done>ask(writer, reply -> new Write(batch, reply), Duration.ofMinutes(5),
                        system.scheduler()).toCompletableFuture().get();
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
        try (JournalReader reader = JournalReader.open(settings)) {
            long start = System.nanoTime();
            List<RunEvent> read = reader.events("replay");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            long foldStart = System.nanoTime();
            RunState.fold(read);
            Duration fold = Duration.ofNanos(System.nanoTime() - foldStart);
            return new ReplayRow(read.size(), took, read.size() / (took.toNanos() / 1e9), fold);
        }
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
