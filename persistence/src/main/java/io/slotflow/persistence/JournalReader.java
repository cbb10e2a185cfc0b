package io.slotflow.persistence;

import io.slotflow.event.RunEvent;
import io.slotflow.state.RunState;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.NoOffset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Reads runs back from a journal — also while an engine is still writing it (H2 {@code AUTO_SERVER},
 * or PostgreSQL) — in the journal's global order, through Pekko Persistence Query.
 *
 * <p>Open one with {@link #open(JournalSettings)} (it owns a small actor system and must be
 * closed) or on an existing actor system with {@link #on(ActorSystem)}.
 */
public final class JournalReader implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

    private final ActorSystem<?> system;
    private final boolean ownsSystem;
    private final JdbcReadJournal journal;
    private final HighWaterMarks marks;
    private final java.util.Optional<RunLeases> leases;
    private final String where;

    private JournalReader(ActorSystem<?> system, boolean ownsSystem, HighWaterMarks marks,
            java.util.Optional<RunLeases> leases, String where) {
        this.system = system;
        this.ownsSystem = ownsSystem;
        this.marks = marks;
        this.leases = leases;
        this.where = where;
        this.journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    }

    /** A reader with its own actor system on the given journal; the schema is created if missing. */
    public static JournalReader open(JournalSettings settings) {
        // initialising SLF4J before Pekko avoids its warning about calls replayed from a substitute logger
        org.slf4j.LoggerFactory.getILoggerFactory();
        JournalFiles.restrict(settings);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "slotflow-reader", JournalConfig.of(settings));
        try {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
        return new JournalReader(system, true, HighWaterMarks.of(settings), java.util.Optional.of(RunLeases.of(settings)),
                HighWaterMarks.where(settings));
    }

    /**
     * A reader that creates and changes nothing: the journal must already be there (an H2 database
     * is never created; on a read-only H2 file it reads read-only).
     *
     * @throws NoJournalException when there is no journal at these settings
     * @throws JournalUnavailableException when the database cannot be reached
     */
    public static JournalReader openExisting(JournalSettings settings) {
        JournalSettings reading = settings.forReading();
        JournalSchema.requireExisting(reading, Duration.ofSeconds(30));
        org.slf4j.LoggerFactory.getILoggerFactory();
        return new JournalReader(ActorSystem.create(Behaviors.empty(), "slotflow-reader", JournalConfig.of(reading)),
                true, HighWaterMarks.of(settings), java.util.Optional.of(RunLeases.of(reading)),
                HighWaterMarks.where(settings));
    }

    /** A reader on an actor system already configured with {@link JournalConfig} for these settings. */
    public static JournalReader on(ActorSystem<?> system, JournalSettings settings) {
        return new JournalReader(system, false, HighWaterMarks.of(settings), java.util.Optional.of(RunLeases.of(settings)),
                HighWaterMarks.where(settings));
    }

    /** A reader on an actor system already configured with {@link JournalConfig}, checking no high-water marks. */
    public static JournalReader on(ActorSystem<?> system) {
        return new JournalReader(system, false, HighWaterMarks.none(), java.util.Optional.empty(), "of this engine");
    }

    /** The ids of every run in the journal, in the order they were started. */
    public List<String> runIds() {
        List<String> marked = marks.runs();
        List<String> ids = await(journal.currentPersistenceIds()
                .filter(id -> PersistenceIds.runOfSlotManager(id) != null)
                .map(PersistenceIds::runOfSlotManager)
                .runWith(Sink.seq(), system), "list the runs");
        for (String run : marked) {
            if (!ids.contains(run)) {
                check(run, marks.written(run), 0);
            }
        }
        return ids;
    }

    /**
     * Every event of a run, in journal order.
     *
     * @throws NoSuchElementException when the journal holds no run of that id
     * @throws JournalCorruptException when it holds fewer of its events than were written
     */
    public List<RunEvent> events(String runId) {
        java.util.OptionalLong written = marks.written(runId); // before the events: the mark only grows
        List<RunEvent> events = await(eventSource(runId).runWith(Sink.seq(), system), "read run " + runId);
        check(runId, written, events.size());
        if (events.isEmpty()) {
            throw new NoSuchElementException("no run " + runId + " in this journal");
        }
        return events;
    }

    /**
     * Fails when the journal holds fewer events of a run than its mark says were written — unless a
     * live engine runs it now: a reader may see its latest writes a moment late.
     */
    private void check(String runId, java.util.OptionalLong written, long held) {
        if (written.isPresent() && held < written.getAsLong() && !heldByLiveEngine(runId)) {
            marks.check(runId, written, held);
        }
    }

    /** The run's lease: which engine runs it, or last ran it (none on a reader without leases, or if no engine took it). */
    public java.util.Optional<RunLease> lease(String runId) {
        return leases.flatMap(l -> l.read(runId));
    }

    private boolean heldByLiveEngine(String runId) {
        return leases.map(l -> RunLease.verdict(l.read(runId), EngineProcess.localHost(), java.time.Instant.now())
                == RunLease.Verdict.HELD).orElse(false);
    }

    /** Folds a whole run into its state. */
    public RunState replay(String runId) {
        return RunState.fold(events(runId));
    }

    /**
     * Streams a run's events as they are written, from the first; {@code onEvent} is called in
     * journal order on a stream thread. Call {@link Subscription#cancel()} to stop.
     */
    public Subscription follow(String runId, Consumer<RunEvent> onEvent) {
        var pair = journal.eventsByTag(PersistenceIds.runTag(runId), NoOffset.getInstance())
                .map(e -> (RunEvent) e.event())
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(onEvent::accept), Keep.both())
                .run(system);
        UniqueKillSwitch kill = pair.first();
        CompletionStage<Done> done = pair.second();
        return new Subscription(kill, done);
    }

    /**
     * A run's events in journal order from the first, then each one as it is written (polled every
     * {@code refresh-interval}); never completes by itself. The same order for every reader, so an
     * event's index in it is a stable offset.
     */
    public Source<RunEvent, NotUsed> liveEvents(String runId) {
        return journal.eventsByTag(PersistenceIds.runTag(runId), NoOffset.getInstance())
                .map(e -> (RunEvent) e.event());
    }

    private Source<RunEvent, NotUsed> eventSource(String runId) {
        return journal.currentEventsByTag(PersistenceIds.runTag(runId), NoOffset.getInstance())
                .map(e -> (RunEvent) e.event());
    }

    private <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (JournalCorruptException.isDamagedFile(e)) {
                throw JournalCorruptException.damaged(what, where, e);
            }
            throw new JournalUnavailableException("cannot " + what + ": " + JournalUnavailableException.rootMessage(e), e);
        } catch (TimeoutException e) {
            throw new JournalUnavailableException("cannot " + what + ": no answer within " + READ_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailableException("interrupted while trying to " + what, e);
        }
    }

    @Override
    public void close() {
        if (ownsSystem) {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing is best effort: the reader only read
            }
        }
    }

    /** A live subscription to a run's events. */
    public static final class Subscription {
        private final UniqueKillSwitch kill;
        private final CompletionStage<Done> done;

        Subscription(UniqueKillSwitch kill, CompletionStage<Done> done) {
            this.kill = kill;
            this.done = done;
        }

        public void cancel() {
            kill.shutdown();
        }

        /** Completes when the subscription stops (cancelled or failed). */
        public CompletionStage<Done> done() {
            return done;
        }
    }
}
