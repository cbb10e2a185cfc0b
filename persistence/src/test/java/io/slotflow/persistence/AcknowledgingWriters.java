package io.slotflow.persistence;

import io.slotflow.event.RunEvent;
import io.slotflow.plan.PlanParser;
import io.slotflow.sim.Simulator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.apache.pekko.persistence.typed.RecoveryCompleted;

/**
 * A child JVM for {@code AcknowledgedWritesSurviveKillTest}: many event-sourced writers persist to an
 * H2 file journal, with the engine's settings, as fast as they can, one to three events a write;
 * after each write the journal acknowledged (the persist callback ran) the writer appends
 * {@code <persistence id> <sequence number>} to a file. A killed process leaves in that file exactly
 * the writes it was told were saved, by identity, not by count.
 *
 * <p>Arguments: state directory, acknowledgement file, writers, run id.
 */
public final class AcknowledgingWriters {

    private AcknowledgingWriters() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        Path acks = Path.of(args[1]);
        int writers = Integer.parseInt(args[2]);
        String runId = args[3];
        JournalSettings settings = JournalSettings.embedded(state);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "acks", JournalConfig.of(settings));
        JournalSchema.ensure(system, settings, Duration.ofSeconds(60));
        List<RunEvent> events = Simulator.run(PlanParser.parse(Path.of("../docs/examples/hello.yaml"))).events();
        FileChannel file = FileChannel.open(acks, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        for (int i = 0; i < writers; i++) {
            PersistenceId id = PersistenceIds.spec(runId, "w" + i);
            int perWrite = 1 + i % 3;
            system.systemActorOf(Behaviors.<Next>setup(ctx -> new Writer(ctx, id, runId, events, file, perWrite)),
                    "w" + i, org.apache.pekko.actor.typed.Props.empty());
        }
        System.out.println("writing");
        new java.util.concurrent.CountDownLatch(1).await(); // never counted down: runs until it is killed
    }

    enum Next { INSTANCE }

    private static final class Writer extends EventSourcedBehavior<Next, RunEvent, Long> {
        private final ActorContext<Next> context;
        private final String tag;
        private final List<RunEvent> events;
        private final FileChannel acks;
        private final int perWrite;
        private int cursor;

        Writer(ActorContext<Next> context, PersistenceId id, String runId, List<RunEvent> events, FileChannel acks,
                int perWrite) {
            super(id);
            this.context = context;
            this.tag = PersistenceIds.runTag(runId);
            this.events = events;
            this.acks = acks;
            this.perWrite = perWrite;
        }

        @Override
        public Long emptyState() {
            return 0L;
        }

        @Override
        public Set<String> tagsFor(RunEvent event) {
            return Set.of(tag);
        }

        @Override
        public SignalHandler<Long> signalHandler() {
            return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(),
                    state -> context.getSelf().tell(Next.INSTANCE)).build();
        }

        @Override
        public CommandHandler<Next, RunEvent, Long> commandHandler() {
            return newCommandHandlerBuilder().forAnyState().onCommand(Next.class, this::write).build();
        }

        private org.apache.pekko.persistence.typed.javadsl.Effect<RunEvent, Long> write(Long saved, Next next) {
            List<RunEvent> batch = new java.util.ArrayList<>();
            for (int i = 0; i < perWrite; i++) {
                batch.add(events.get(cursor++ % events.size()));
            }
            return Effect().persist(batch).thenRun(count -> {
                acknowledged(persistenceId().id() + " " + count + "\n");
                context.getSelf().tell(Next.INSTANCE);
            });
        }

        private void acknowledged(String line) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
            try {
                synchronized (acks) {
                    while (bytes.hasRemaining()) {
                        acks.write(bytes); // one write(2) to the page cache: a kill -9 cannot take it back
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public EventHandler<Long, RunEvent> eventHandler() {
            return newEventHandlerBuilder().forAnyState().onAnyEvent((n, e) -> n + 1);
        }
    }
}
