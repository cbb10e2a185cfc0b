package io.slotflow.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

/**
 * Session hosts' leases in the journal's database (table {@code slotflow_host_lease}, one row per
 * member address): which incarnation of the member at an address may run sessions, and until when.
 *
 * <p>The database is the arbiter, and its own clock the only clock: each change is one conditional
 * statement that compares with the database's time. A lease is renewed only while it has not run
 * out, so a lease that ran out is fenced for good — its incarnation can never renew it, and a new
 * incarnation at that address may take the row over. Whoever asks {@link #fenced} and hears yes knows
 * that no later renewal by that incarnation can succeed.
 */
public final class HostLeases {

    /** How long a host's lease lasts unless renewed; hosts renew every fifth of it. */
    public static final Duration TERM = Duration.ofSeconds(20);
    /**
     * A longer term for a member that must ride out longer journal outages, at the price of a later
     * re-run of its sessions when it is lost (docs/cluster.md): {@code -Dslotflow.host-lease-term=PT60S}.
     */
    public static final String TERM_PROPERTY = "slotflow.host-lease-term";

    private static final String TABLE = "slotflow_host_lease";
    /** The database's time in epoch milliseconds, the same expression on H2 and PostgreSQL. */
    private static final String NOW = "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";

    private final JournalSettings settings;
    private final Duration term;

    public HostLeases(JournalSettings settings, Duration term) {
        this.settings = settings;
        this.term = term;
    }

    public static HostLeases of(JournalSettings settings) {
        String configured = System.getProperty(TERM_PROPERTY);
        if (configured == null) {
            return new HostLeases(settings, TERM);
        }
        try {
            return new HostLeases(settings, Duration.parse(configured));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(TERM_PROPERTY + ": '" + configured + "' is not a duration like PT60S");
        }
    }

    public Duration term() {
        return term;
    }

    /** Creates the table if it is missing. */
    public void createTable() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS " + TABLE + " (address VARCHAR(255) NOT NULL PRIMARY KEY, "
                    + "incarnation BIGINT NOT NULL, expires_ms BIGINT NOT NULL)");
        } catch (SQLException e) {
            throw failure("create the host lease table", e);
        }
    }

    /**
     * Takes the lease of {@code address} for a new incarnation: when no lease is there, or the last
     * incarnation's ran out (or was given back).
     *
     * @return false while another incarnation at that address still holds an unexpired lease
     */
    public boolean register(String address, long incarnation) {
        try (Connection c = connect()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET incarnation = ?, expires_ms = "
                    + NOW + " + ? WHERE address = ? AND (expires_ms < " + NOW + " OR incarnation = ?)")) {
                s.setLong(1, incarnation);
                s.setLong(2, term.toMillis());
                s.setString(3, address);
                s.setLong(4, incarnation);
                if (s.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE
                    + " (address, incarnation, expires_ms) SELECT ?, ?, " + NOW + " + ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM " + TABLE + " WHERE address = ?)")) {
                s.setString(1, address);
                s.setLong(2, incarnation);
                s.setLong(3, term.toMillis());
                s.setString(4, address);
                return s.executeUpdate() == 1;
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    return false; // another incarnation inserted first
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure("take the lease of session host " + address, e);
        }
    }

    /**
     * Extends the lease by its term, if it has not run out.
     *
     * @return false when it has run out (or another incarnation took the address): the host is fenced
     * @throws JournalUnavailableException when the database cannot be reached (try again later)
     */
    public boolean renew(String address, long incarnation) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE " + TABLE
                + " SET expires_ms = " + NOW + " + ? WHERE address = ? AND incarnation = ? AND expires_ms > " + NOW)) {
            s.setLong(1, term.toMillis());
            s.setString(2, address);
            s.setLong(3, incarnation);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("renew the lease of session host " + address, e);
        }
    }

    /** Gives the lease back once the host's sessions are stopped: it is fenced at once. */
    public void release(String address, long incarnation) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE " + TABLE
                + " SET expires_ms = " + NOW + " - 1 WHERE address = ? AND incarnation = ? AND expires_ms > " + NOW)) {
            s.setString(1, address);
            s.setLong(2, incarnation);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("give back the lease of session host " + address, e);
        }
    }

    /**
     * Whether no incarnation at {@code address} may still run sessions, other than the {@code live}
     * ones (incarnations the caller hears from): no lease, a lease run out, or a live incarnation's.
     */
    public boolean fenced(String address, Set<Long> live) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT incarnation, expires_ms < "
                + NOW + " FROM " + TABLE + " WHERE address = ?")) {
            s.setString(1, address);
            try (ResultSet r = s.executeQuery()) {
                return !r.next() || r.getBoolean(2) || live.contains(r.getLong(1));
            }
        } catch (SQLException e) {
            throw failure("read the lease of session host " + address, e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = settings.credentials();
        if (settings.dialect() == JournalSettings.Dialect.POSTGRES) {
            // a lease call must never hang on a database that went away: it is tried again later
            properties.setProperty("connectTimeout", "5");
            properties.setProperty("socketTimeout", "10");
        }
        return DriverManager.getConnection(settings.url(), properties);
    }

    private RuntimeException failure(String what, SQLException e) {
        return new JournalUnavailableException("cannot " + what + " in the journal at " + settings.describe() + ": "
                + JournalUnavailableException.rootMessage(e), e);
    }
}
