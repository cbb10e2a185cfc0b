package io.slotflow.persistence;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;

/** Creates the journal's tables on first start; idempotent on H2 and PostgreSQL. */
public final class JournalSchema {

    private JournalSchema() {
    }

    /** The table every journal has. */
    static final String EVENTS_TABLE = "event_journal";

    /**
     * Checks, without creating or changing anything, that the journal's database and tables are
     * there (settings from {@link JournalSettings#forReading()}).
     *
     * @throws NoJournalException when they are not
     * @throws JournalUnavailableException when the database cannot be reached
     */
    public static void requireExisting(JournalSettings settings, Duration timeout) {
        try {
            openExisting(settings, timeout).close();
        } catch (SQLException e) {
            // closing what was only read: nothing to lose
        }
    }

    /**
     * As {@link #requireExisting}, and hands over the connection it checked with: while it is open
     * an embedded H2 database stays open, so the reader's later connections cost no reopening of the
     * file (each open starts H2's server and reads the store; each close of the last connection
     * closes and compacts it).
     */
    static Connection openExisting(JournalSettings settings, Duration timeout) {
        settings.h2File().filter(file -> !Files.exists(file)).ifPresent(file -> {
            throw new NoJournalException("no journal at " + file);
        });
        java.util.Properties credentials = settings.credentials();
        if (settings.dialect() == JournalSettings.Dialect.POSTGRES) {
            // defaults: the URL's own settings win
            credentials.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
            credentials.setProperty("loginTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        }
        try {
            Class.forName(settings.dialect().driver());
            Connection c = DriverManager.getConnection(settings.url(), credentials);
            try (ResultSet tables = c.getMetaData().getTables(null, null, EVENTS_TABLE, null)) {
                if (!tables.next()) {
                    throw new NoJournalException("no journal in the database at " + settings.describe());
                }
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_DATABASE_NOT_FOUND) {
                throw new NoJournalException("no journal at " + settings.describe());
            }
            throw new JournalUnavailableException("cannot use the journal at " + settings.describe() + ": "
                    + JournalUnavailableException.rootMessage(e), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the database driver " + settings.dialect().driver() + " is missing", e);
        }
    }

    /**
     * H2 gets Slotflow's own layout of the plugin's tables (h2-schema.sql: rows keyed by journal
     * order, payloads in the row); PostgreSQL the plugin's script, and an index on the tag, by which
     * a run is read ({@link JournalTables}): the plugin's key on tags starts with the event id.
     */
    private static CompletionStage<Done> createIfNotExists(ActorSystem<?> system, JournalSettings settings) {
        if (settings.dialect() == JournalSettings.Dialect.H2) {
            return SchemaUtils.applyScript(H2_SCHEMA, system);
        }
        return SchemaUtils.createIfNotExists(system).thenCompose(done -> SchemaUtils.applyScript(POSTGRES_TAG_INDEX, system));
    }

    private static final String POSTGRES_TAG_INDEX =
            "CREATE INDEX IF NOT EXISTS slotflow_event_tag_by_tag ON event_tag (tag, event_id)";

    /** The script's statements, its comment lines dropped (the plugin splits a script at every semicolon). */
    private static final String H2_SCHEMA = readResource("h2-schema.sql").lines()
            .filter(line -> !line.strip().startsWith("--")).collect(java.util.stream.Collectors.joining("\n"));

    private static String readResource(String name) {
        try (java.io.InputStream in = JournalSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the persistence module");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** H2: "Database … not found, either pre-create it or allow remote database creation" (IFEXISTS). */
    private static final int H2_DATABASE_NOT_FOUND = 90146;

    /**
     * Makes sure the tables exist, waiting at most {@code timeout}.
     *
     * @throws JournalUnavailableException when the database cannot be reached or written
     */
    public static void ensure(ActorSystem<?> system, JournalSettings settings, Duration timeout) {
        try {
            createIfNotExists(system, settings).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JournalFiles.restrict(settings); // H2 has written its lock file by now
        } catch (ExecutionException e) {
            if (JournalCorruptException.isDamagedFile(e)) {
                throw JournalCorruptException.damaged("open the journal", HighWaterMarks.where(settings), e);
            }
            throw new JournalUnavailableException("cannot use the journal at " + settings.describe() + ": "
                    + settings.scrub(JournalUnavailableException.rootMessage(e)), e);
        } catch (TimeoutException e) {
            throw new JournalUnavailableException("the journal at " + settings.describe() + " did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailableException("interrupted while opening the journal", e);
        }
    }
}
