package io.slotflow.persistence;

import io.slotflow.event.RunEvent;
import io.slotflow.state.RunState;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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
 * or PostgreSQL) — in the journal's global order.
 *
 * <p>What is written is read with plain JDBC from the journal's tables ({@link JournalTables}), so a
 * read command starts no actor system: {@link #openExisting(JournalSettings)}. Following a run as it
 * is written ({@link #follow}, {@link #liveEvents}) uses Pekko Persistence Query and needs the actor
 * system of a reader made with {@link #open(JournalSettings)} (which owns one and must be closed) or
 * {@link #on(ActorSystem, JournalSettings)}.
 */
public final class JournalReader implements AutoCloseable {

    private final java.util.Optional<ActorSystem<?>> system;
    private final boolean ownsSystem;
    private final JournalTables tables;
    private final HighWaterMarks marks;
    private final java.util.Optional<RunLeases> leases;
    /** Holds an embedded H2 database open for the reader's life (see {@link JournalSchema#openExisting}). */
    private final java.util.Optional<java.sql.Connection> keepOpen;

    private JournalReader(java.util.Optional<ActorSystem<?>> system, boolean ownsSystem, JournalTables tables,
            HighWaterMarks marks, java.util.Optional<RunLeases> leases) {
        this(system, ownsSystem, tables, marks, leases, java.util.Optional.empty());
    }

    private JournalReader(java.util.Optional<ActorSystem<?>> system, boolean ownsSystem, JournalTables tables,
            HighWaterMarks marks, java.util.Optional<RunLeases> leases, java.util.Optional<java.sql.Connection> keepOpen) {
        this.system = system;
        this.ownsSystem = ownsSystem;
        this.tables = tables;
        this.marks = marks;
        this.leases = leases;
        this.keepOpen = keepOpen;
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
        return new JournalReader(java.util.Optional.of(system), true, new JournalTables(settings),
                HighWaterMarks.of(settings), java.util.Optional.of(RunLeases.of(settings)));
    }

    /**
     * A reader that creates and changes nothing and starts no actor system: the journal must already
     * be there (an H2 database is never created; on a read-only H2 file it reads read-only). It reads
     * what is written; it cannot {@link #follow}.
     *
     * @throws NoJournalException when there is no journal at these settings
     * @throws JournalUnavailableException when the database cannot be reached
     */
    public static JournalReader openExisting(JournalSettings settings) {
        JournalSettings reading = settings.forReading();
        java.sql.Connection checked = JournalSchema.openExisting(reading, Duration.ofSeconds(30));
        java.util.Optional<java.sql.Connection> keepOpen = java.util.Optional.of(checked);
        if (reading.dialect() != JournalSettings.Dialect.H2) {
            closeQuietly(checked); // a server keeps its database open itself
            keepOpen = java.util.Optional.empty();
        }
        return new JournalReader(java.util.Optional.empty(), false, new JournalTables(reading),
                HighWaterMarks.of(settings), java.util.Optional.of(RunLeases.of(reading)), keepOpen);
    }

    /** A reader on an actor system already configured with {@link JournalConfig} for these settings. */
    public static JournalReader on(ActorSystem<?> system, JournalSettings settings) {
        return new JournalReader(java.util.Optional.of(system), false, new JournalTables(settings),
                HighWaterMarks.of(settings), java.util.Optional.of(RunLeases.of(settings)));
    }

    /**
     * A reader on an actor system already configured with {@link JournalConfig} for these settings,
     * checking no high-water marks and no leases (a cluster's members keep neither).
     */
    public static JournalReader unmarked(ActorSystem<?> system, JournalSettings settings) {
        return new JournalReader(java.util.Optional.of(system), false, new JournalTables(settings),
                HighWaterMarks.none(), java.util.Optional.empty());
    }

    /** The ids of every run in the journal, in the order they were started. */
    public List<String> runIds() {
        List<String> marked = marks.runs();
        List<String> ids = tables.runIds();
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
        List<RunEvent> events = tables.events(runId);
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
        var pair = liveEvents(runId)
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(onEvent::accept), Keep.both())
                .run(actorSystem());
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
        return PersistenceQuery.get(actorSystem())
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier())
                .eventsByTag(PersistenceIds.runTag(runId), NoOffset.getInstance())
                .map(e -> (RunEvent) e.event());
    }

    private ActorSystem<?> actorSystem() {
        return system.orElseThrow(() -> new IllegalStateException(
                "this reader reads what is written and cannot follow a run; follow through an engine's journal()"));
    }

    @Override
    public void close() {
        keepOpen.ifPresent(JournalReader::closeQuietly);
        if (ownsSystem) {
            ActorSystem<?> owned = actorSystem();
            owned.terminate();
            try {
                owned.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing is best effort: the reader only read
            }
        }
    }

    private static void closeQuietly(java.sql.Connection c) {
        try {
            c.close();
        } catch (java.sql.SQLException e) {
            // closing is best effort: the reader only read
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
