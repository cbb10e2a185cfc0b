package io.slotflow.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * Fences a cluster's coordinator at each write, in the journal's database (PostgreSQL): one row
 * (table {@code slotflow_coordinator}) names the member whose coordinator runs the runs, and a
 * trigger on the journal refuses every event of the coordinator's actors (the coordinator, slot
 * managers, review injectors) written by another member. A member's journal connections say which
 * member they are ({@code SET slotflow.member}, {@link #connectionInitSql}); a coordinator takes
 * the row over when it starts ({@link #take}). So a member that was frozen or cut off while another
 * became the coordinator can write nothing more for the coordinator when it wakes: the check and
 * the insert are one statement, in one transaction, against the database's own row.
 *
 * <p>Connections that do not say which member they are (a local engine, the CLI's reads) are not
 * fenced. An H2 journal is one machine's: nothing is installed there.
 */
public final class CoordinatorLease {

    /** The connection setting that names a member; a custom PostgreSQL setting. */
    public static final String MEMBER_SETTING = "slotflow.member";

    private static final String TABLE = "slotflow_coordinator";
    private static final String FUNCTION = "slotflow_coordinator_fence";

    private final JournalSettings settings;

    public CoordinatorLease(JournalSettings settings) {
        this.settings = settings;
    }

    /** Whether this journal fences its coordinator (PostgreSQL). */
    public boolean fences() {
        return settings.dialect() == JournalSettings.Dialect.POSTGRES;
    }

    /** A new member's id, for one start of a member's JVM. */
    public static String newMember() {
        return UUID.randomUUID().toString();
    }

    /** The statement that makes a journal connection say it is {@code member}'s (a UUID). */
    public static String connectionInitSql(String member) {
        UUID.fromString(member); // nothing but a UUID ever goes into the statement
        return "SET " + MEMBER_SETTING + " = '" + member + "'";
    }

    /** Creates the table, and the trigger on the journal's events, if missing (serialized across members). */
    public void install() {
        if (!fences()) {
            return;
        }
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + TABLE.hashCode() + ")");
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id INT NOT NULL PRIMARY KEY CHECK (id = 1), "
                        + "member VARCHAR(64) NOT NULL, epoch BIGINT NOT NULL)");
                s.execute("CREATE OR REPLACE FUNCTION " + FUNCTION + "() RETURNS trigger AS $$\n"
                        + "DECLARE writer TEXT := current_setting('" + MEMBER_SETTING + "', true); holder TEXT;\n"
                        + "BEGIN\n"
                        + "  IF writer IS NULL OR writer = '' THEN RETURN NEW; END IF;\n"
                        + "  SELECT member INTO holder FROM " + TABLE + " WHERE id = 1 FOR SHARE;\n"
                        + "  IF holder IS NOT NULL AND holder <> writer THEN\n"
                        + "    RAISE EXCEPTION 'slotflow: member % no longer runs the coordinator (member % does): "
                        + "its write to % is refused', writer, holder, NEW.persistence_id USING ERRCODE = '42501';\n"
                        + "  END IF;\n"
                        + "  RETURN NEW;\n"
                        + "END $$ LANGUAGE plpgsql");
                // DROP and CREATE rather than CREATE OR REPLACE TRIGGER, which needs PostgreSQL 14
                s.execute("DROP TRIGGER IF EXISTS " + FUNCTION + " ON " + JournalSchema.EVENTS_TABLE);
                s.execute("CREATE TRIGGER " + FUNCTION + " BEFORE INSERT ON " + JournalSchema.EVENTS_TABLE
                        + " FOR EACH ROW WHEN (NEW.persistence_id = 'RunsCoordinator' OR NEW.persistence_id LIKE '"
                        + PersistenceIds.SLOT_MANAGER + "|%' OR NEW.persistence_id LIKE '"
                        + PersistenceIds.REVIEW_INJECTOR + "|%') EXECUTE FUNCTION " + FUNCTION + "()");
            }
            c.commit();
        } catch (SQLException e) {
            throw failure("install the coordinator's fence", e);
        }
    }

    /**
     * Makes {@code member} the coordinator's: from now on, the journal refuses the coordinator's
     * writes from any other member.
     *
     * @return the coordinator's epoch: how many times a coordinator has started on this journal
     */
    public long take(String member) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE
                + " (id, member, epoch) VALUES (1, ?, 1) ON CONFLICT (id) DO UPDATE SET member = EXCLUDED.member, "
                + "epoch = " + TABLE + ".epoch + 1 RETURNING epoch")) {
            s.setString(1, member);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("take the coordinator's lease", e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = settings.credentials();
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(settings.url(), properties);
    }

    private RuntimeException failure(String what, SQLException e) {
        return new JournalUnavailableException("cannot " + what + " in the journal at " + settings.describe() + ": "
                + JournalUnavailableException.rootMessage(e), e);
    }
}
