package io.slotflow.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Runs' leases in the journal's database (table {@code slotflow_run_lease}, one row per run), so that
 * two engines never run one run at once. An engine takes a run's lease before it writes anything of
 * the run, renews it while the run goes on, and gives it back when the run stops. A successor may
 * take it over when its holder gave it back, when it ran out (not renewed for {@link #TERM}), or at
 * once when the holder's process is gone from the successor's own host.
 *
 * <p>Plain JDBC on a connection of its own per call, on H2 and PostgreSQL alike: every change is one
 * statement whose {@code WHERE} names the row as it was read, so of two engines racing for a lease
 * exactly one changes it. Times are the engines' own clocks: hosts that share a journal keep their
 * clocks within a few seconds of each other (NTP), well inside the lease's term.
 */
public final class RunLeases {

    /** How long a lease lasts unless renewed; engines renew every quarter of it. */
    public static final Duration TERM = Duration.ofSeconds(20);

    private static final String TABLE = "slotflow_run_lease";
    private static final String COLUMNS = "run_id, holder_id, host, pid, pid_started, since_ms, renewed_ms, expires_ms, ended_ms";
    private static final int RACES = 5;

    private final JournalSettings settings;
    private final Clock clock;
    private final Duration term;

    public RunLeases(JournalSettings settings, Clock clock, Duration term) {
        this.settings = settings;
        this.clock = clock;
        this.term = term;
    }

    public static RunLeases of(JournalSettings settings) {
        return new RunLeases(settings, Clock.systemUTC(), TERM);
    }

    /** Creates the table if it is missing; engines call it, readers never do. */
    public void createTable() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "run_id VARCHAR(255) NOT NULL PRIMARY KEY, holder_id VARCHAR(64) NOT NULL, "
                    + "host VARCHAR(255) NOT NULL, pid BIGINT NOT NULL, pid_started BIGINT, since_ms BIGINT NOT NULL, "
                    + "renewed_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL, ended_ms BIGINT)");
        } catch (SQLException e) {
            throw failure("create the lease table", e);
        }
    }

    /** The run's lease as the database holds it; empty when no engine ever took it (or no engine ever ran here). */
    public Optional<RunLease> read(String runId) {
        try (Connection c = connect()) {
            return read(c, runId);
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                return Optional.empty();
            }
            throw failure("read the lease of run " + runId, e);
        }
    }

    /**
     * Takes the run's lease for this process.
     *
     * @throws RunHeldException when a live engine holds it
     * @throws JournalUnavailableException when the database cannot be used
     */
    public RunLease acquire(String runId) {
        EngineProcess me = EngineProcess.current();
        try (Connection c = connect()) {
            for (int race = 0; race < RACES; race++) {
                Optional<RunLease> current = read(c, runId);
                Instant now = clock.instant();
                RunLease.Verdict verdict = RunLease.verdict(current, me.host(), now);
                if (!verdict.takeable()) {
                    throw new RunHeldException(current.orElseThrow(), now);
                }
                RunLease mine = new RunLease(runId, UUID.randomUUID().toString(), me, now, now, now.plus(term),
                        Optional.empty());
                if (current.isEmpty() ? insert(c, mine) : replace(c, current.get(), mine)) {
                    return mine;
                }
                // another engine changed the row between our read and our write: look again
            }
            throw new RunHeldException(read(c, runId).orElseThrow(), clock.instant());
        } catch (SQLException e) {
            throw failure("take the lease of run " + runId, e);
        }
    }

    /**
     * Extends the lease by its term.
     *
     * @return false when another engine has taken it over: the caller must stop running the run
     * @throws JournalUnavailableException when the database cannot be reached (try again later)
     */
    public boolean renew(RunLease lease) {
        Instant now = clock.instant();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE " + TABLE
                + " SET renewed_ms = ?, expires_ms = ? WHERE run_id = ? AND holder_id = ? AND ended_ms IS NULL")) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, now.plus(term).toEpochMilli());
            s.setString(3, lease.runId());
            s.setString(4, lease.holderId());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("renew the lease of run " + lease.runId(), e);
        }
    }

    /** Gives the lease back (if this holder still has it), recording when. */
    public void release(RunLease lease) {
        Instant now = clock.instant();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE " + TABLE
                + " SET ended_ms = ?, expires_ms = ? WHERE run_id = ? AND holder_id = ? AND ended_ms IS NULL")) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, now.toEpochMilli());
            s.setString(3, lease.runId());
            s.setString(4, lease.holderId());
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("give back the lease of run " + lease.runId(), e);
        }
    }

    private static Optional<RunLease> read(Connection c, String runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long pidStarted = r.getLong("pid_started");
                Optional<Instant> started = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(pidStarted));
                long ended = r.getLong("ended_ms");
                Optional<Instant> endedAt = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
                return Optional.of(new RunLease(r.getString("run_id"), r.getString("holder_id"),
                        new EngineProcess(r.getString("host"), r.getLong("pid"), started),
                        Instant.ofEpochMilli(r.getLong("since_ms")), Instant.ofEpochMilli(r.getLong("renewed_ms")),
                        Instant.ofEpochMilli(r.getLong("expires_ms")), endedAt));
            }
        }
    }

    /** Writes a first lease; false when another engine inserted one first. */
    static boolean insert(Connection c, RunLease lease) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(s, lease);
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces {@code old} with {@code lease} if the row is still exactly {@code old}'s holder and renewal. */
    private static boolean replace(Connection c, RunLease old, RunLease lease) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET run_id = ?, holder_id = ?, host = ?, "
                + "pid = ?, pid_started = ?, since_ms = ?, renewed_ms = ?, expires_ms = ?, ended_ms = ? "
                + "WHERE run_id = ? AND holder_id = ? AND renewed_ms = ?")) {
            bind(s, lease);
            s.setString(10, old.runId());
            s.setString(11, old.holderId());
            s.setLong(12, old.renewed().toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    private static void bind(PreparedStatement s, RunLease lease) throws SQLException {
        s.setString(1, lease.runId());
        s.setString(2, lease.holderId());
        s.setString(3, lease.process().host());
        s.setLong(4, lease.process().pid());
        if (lease.process().started().isPresent()) {
            s.setLong(5, lease.process().started().get().toEpochMilli());
        } else {
            s.setNull(5, Types.BIGINT);
        }
        s.setLong(6, lease.since().toEpochMilli());
        s.setLong(7, lease.renewed().toEpochMilli());
        s.setLong(8, lease.expires().toEpochMilli());
        if (lease.ended().isPresent()) {
            s.setLong(9, lease.ended().get().toEpochMilli());
        } else {
            s.setNull(9, Types.BIGINT);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = settings.credentials();
        if (settings.dialect() == JournalSettings.Dialect.POSTGRES) {
            // a lease call must never hang on a database that went away: it is tried again later
            properties.setProperty("connectTimeout", "5");
            properties.setProperty("socketTimeout", "15");
        }
        return DriverManager.getConnection(settings.url(), properties);
    }

    /** The table is not there: no engine has run on this journal since leases exist. */
    private static boolean isMissingTable(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        return state.startsWith("42S0") || state.equals("42P01"); // H2: table not found (in an empty database too); PostgreSQL: undefined table
    }

    private RuntimeException failure(String what, SQLException e) {
        if (JournalCorruptException.isDamagedFile(e)) {
            return JournalCorruptException.damaged(what, HighWaterMarks.where(settings), e);
        }
        return new JournalUnavailableException("cannot " + what + " in the journal at " + settings.describe() + ": "
                + JournalUnavailableException.rootMessage(e), e);
    }
}
