package io.slotflow.persistence;

import io.slotflow.event.EventCodec;
import io.slotflow.event.RunEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What is written in a journal, read straight from its tables with plain JDBC: no actor system, no
 * persistence plug-in, so a read command costs a query and a parse, not the start of Pekko.
 *
 * <p>The tables are pekko-persistence-jdbc's ({@code event_journal}, {@code event_tag}), in each
 * layout Slotflow has written: its own H2 layout (h2-schema.sql: {@code ordering} the primary key,
 * tags keyed by tag), the plug-in's older H2 layout (payloads in BLOBs) and the plug-in's PostgreSQL
 * layout (an index on the tag added by {@link JournalSchema}). Payloads are decoded by the same
 * {@link EventCodec} as {@link RunEventSerializer} uses. Each call opens a connection and closes it:
 * a reader may outlive an engine's database, and an H2 file stays open only while it is read.
 */
final class JournalTables {

    /**
     * H2 quotes the lower-case names it was given; PostgreSQL folds unquoted names to them. Ordered by
     * tag and event id although the tag is fixed: so H2 sees that its key on tags gives the order,
     * sorts nothing, and can hand out rows as it reads them (lazily, see {@link #connect}).
     */
    private static final String EVENTS_OF_TAG = """
            SELECT j."ordering", j."event_ser_id", j."event_ser_manifest", j."event_payload"
            FROM "event_tag" t JOIN "event_journal" j ON j."ordering" = t."event_id"
            WHERE t."tag" = ? AND j."deleted" = FALSE
            ORDER BY t."tag", t."event_id\"""";

    /** A run's slot manager writes the run's first event; the runs in the order they were started. */
    private static final String RUNS = """
            SELECT "persistence_id" FROM "event_journal"
            WHERE "persistence_id" LIKE ? AND "sequence_number" = 1
            ORDER BY "ordering\"""";

    private final JournalSettings settings;
    private final EventCodec codec = EventCodec.standard();

    JournalTables(JournalSettings settings) {
        this.settings = settings;
    }

    /** The ids of the runs in the journal, in the order they were started. */
    List<String> runIds() {
        List<String> ids = new ArrayList<>();
        String what = "list the runs";
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(RUNS)) {
            s.setString(1, PersistenceIds.SLOT_MANAGER_PREFIX + "%");
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    String run = PersistenceIds.runOfSlotManager(rows.getString(1));
                    if (run != null) {
                        ids.add(run);
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
        return ids;
    }

    /** Every event of a run in journal order; empty when the journal holds none. */
    List<RunEvent> events(String runId) {
        List<RunEvent> events = new ArrayList<>();
        String what = "read run " + runId;
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(EVENTS_OF_TAG)) {
            s.setString(1, PersistenceIds.runTag(runId));
            s.setFetchSize(1_000);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    events.add(decode(rows, runId));
                }
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
        return events;
    }

    private RunEvent decode(ResultSet row, String runId) throws SQLException {
        long ordering = row.getLong(1);
        int serializer = row.getInt(2);
        if (serializer != RunEventSerializer.IDENTIFIER) {
            throw new IllegalStateException("event " + ordering + " of run " + runId + " was written by serializer "
                    + serializer + ", not Slotflow's (" + RunEventSerializer.IDENTIFIER + ")");
        }
        try {
            return codec.fromBytes(row.getBytes(4), row.getString(3));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // as an event that does not fold: this run is unreadable, the others are not
            throw new IllegalStateException("event " + ordering + " (" + row.getString(3) + ") cannot be read: "
                    + JournalUnavailableException.rootMessage(e), e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = settings.credentials();
        if (settings.dialect() == JournalSettings.Dialect.POSTGRES) {
            // a read must end: a database that went away is named, not waited on for ever
            properties.setProperty("connectTimeout", "30");
            properties.setProperty("socketTimeout", "600");
        }
        try {
            Class.forName(settings.dialect().driver()); // a shaded jar may have lost the driver's service entry
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the database driver " + settings.dialect().driver() + " is missing", e);
        }
        Connection c = DriverManager.getConnection(settings.url(), properties);
        c.setReadOnly(true);
        if (settings.dialect() == JournalSettings.Dialect.POSTGRES) {
            c.setAutoCommit(false); // PostgreSQL streams rows by the fetch size only inside a transaction
        } else {
            // H2 otherwise copies a whole result before the first row, into a temporary map on disk once
            // it outgrows MAX_MEMORY_ROWS: for a run of a million events, most of the read's H2 time
            try (java.sql.Statement lazy = c.createStatement()) {
                lazy.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
        }
        return c;
    }

    private RuntimeException failure(String what, SQLException e) {
        if (JournalCorruptException.isDamagedFile(e)) {
            return JournalCorruptException.damaged(what, HighWaterMarks.where(settings), e);
        }
        return new JournalUnavailableException("cannot " + what + ": "
                + settings.scrub(JournalUnavailableException.rootMessage(e)), e);
    }
}
