package io.slotflow.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.persistence.jdbc.config.EventJournalTableColumnNames;
import org.apache.pekko.persistence.jdbc.config.EventJournalTableConfiguration;
import org.apache.pekko.persistence.jdbc.config.EventTagTableConfiguration;
import org.apache.pekko.persistence.jdbc.config.JournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.DefaultJournalDao;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import scala.Option;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import slick.dbio.DBIOAction;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.SimpleJdbcAction;

/**
 * The plugin's journal DAO with its write done as two JDBC batches in one transaction: the events'
 * rows, then their tags. The plugin already gathers every write that waits in its queue, from any
 * actor, into one call here and one commit; its Slick query then inserts row by row ({@code INSERT
 * ... RETURNING} for each event, to learn the ordering its tags point to). Here the rows go in one
 * batch that returns their orderings, and the tags in a second. Same tables, columns and values,
 * so the plugin's reads and Slotflow's own ({@link JournalTables}) see no difference; the
 * connection comes from the same pool (PostgreSQL's {@code SET slotflow.member} included), and a
 * write is still answered only after its transaction committed.
 */
public final class BatchedJournalDao extends DefaultJournalDao {

    private final String insertEvent;
    private final String insertTag;
    private final String orderingColumn;

    public BatchedJournalDao(JdbcBackend.JdbcDatabaseDef db, JdbcProfile profile, JournalConfig journalConfig,
            Serialization serialization, ExecutionContext ec, Materializer mat) {
        super(db, profile, journalConfig, serialization, ec, mat);
        EventJournalTableConfiguration events = journalConfig.eventJournalTableConfiguration();
        EventJournalTableColumnNames c = events.columnNames();
        orderingColumn = c.ordering();
        insertEvent = "INSERT INTO " + table(events.schemaName(), events.tableName()) + " ("
                + String.join(", ", quote(c.deleted()), quote(c.persistenceId()), quote(c.sequenceNumber()),
                        quote(c.writer()), quote(c.writeTimestamp()), quote(c.adapterManifest()),
                        quote(c.eventPayload()), quote(c.eventSerId()), quote(c.eventSerManifest()),
                        quote(c.metaPayload()), quote(c.metaSerId()), quote(c.metaSerManifest()))
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        EventTagTableConfiguration tags = journalConfig.eventTagTableConfiguration();
        insertTag = "INSERT INTO " + table(tags.schemaName(), tags.tableName()) + " ("
                + quote(tags.columnNames().eventId()) + ", " + quote(tags.columnNames().tag()) + ") VALUES (?, ?)";
    }

    @Override
    public Future<BoxedUnit> writeJournalRows(Seq<Tuple2<JournalPekkoSerializationRow, Set<String>>> xs) {
        List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows = CollectionConverters.asJava(xs);
        SimpleJdbcAction<BoxedUnit> action = SimpleJdbcAction.apply(ctx -> {
            write(ctx.session().conn(), rows);
            JournalWriteStats.committed(rows.size());
            return BoxedUnit.UNIT;
        });
        return run(action);
    }

    /** Slick's {@code run} takes any effect (its type is covariant in Scala), which Java cannot say. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Future<BoxedUnit> run(SimpleJdbcAction<BoxedUnit> action) {
        return (Future<BoxedUnit>) db().run((DBIOAction) action);
    }

    private void write(Connection conn, List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows) {
        boolean autoCommit;
        try {
            autoCommit = conn.getAutoCommit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try {
            conn.setAutoCommit(false);
            List<Long> orderings = insertEvents(conn, rows);
            insertTags(conn, rows, orderings);
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                conn.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("journal write failed", e);
        } finally {
            try {
                conn.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // the pool checks the connection before its next use
            }
        }
    }

    private List<Long> insertEvents(Connection conn, List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows)
            throws SQLException {
        List<Long> orderings = new ArrayList<>(rows.size());
        try (PreparedStatement insert = conn.prepareStatement(insertEvent, new String[] {orderingColumn})) {
            for (Tuple2<JournalPekkoSerializationRow, Set<String>> row : rows) {
                JournalPekkoSerializationRow r = row._1();
                insert.setBoolean(1, r.deleted());
                insert.setString(2, r.persistenceId());
                insert.setLong(3, r.sequenceNumber());
                insert.setString(4, r.writer());
                insert.setLong(5, r.writeTimestamp());
                insert.setString(6, r.adapterManifest());
                insert.setBytes(7, r.eventPayload());
                insert.setInt(8, r.eventSerId());
                insert.setString(9, r.eventSerManifest());
                setOptionalBytes(insert, 10, r.metaPayload());
                setOptionalInt(insert, 11, r.metaSerId());
                setOptionalString(insert, 12, r.metaSerManifest());
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    orderings.add(keys.getLong(1));
                }
            }
        }
        if (orderings.size() != rows.size()) {
            throw new IllegalStateException("the journal returned " + orderings.size() + " orderings for "
                    + rows.size() + " events");
        }
        return orderings;
    }

    private void insertTags(Connection conn, List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows,
            List<Long> orderings) throws SQLException {
        boolean any = false;
        try (PreparedStatement insert = conn.prepareStatement(insertTag)) {
            for (int i = 0; i < rows.size(); i++) {
                for (String tag : CollectionConverters.asJava(rows.get(i)._2())) {
                    insert.setLong(1, orderings.get(i));
                    insert.setString(2, tag);
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    private static void setOptionalBytes(PreparedStatement s, int index, Option<byte[]> value) throws SQLException {
        if (value.isDefined()) {
            s.setBytes(index, value.get());
        } else {
            s.setNull(index, Types.VARBINARY);
        }
    }

    private static void setOptionalInt(PreparedStatement s, int index, Option<Object> value) throws SQLException {
        if (value.isDefined()) {
            s.setInt(index, (Integer) value.get());
        } else {
            s.setNull(index, Types.INTEGER);
        }
    }

    private static void setOptionalString(PreparedStatement s, int index, Option<String> value) throws SQLException {
        if (value.isDefined()) {
            s.setString(index, value.get());
        } else {
            s.setNull(index, Types.VARCHAR);
        }
    }

    private static String table(Option<String> schema, String name) {
        return schema.isDefined() ? quote(schema.get()) + "." + quote(name) : quote(name);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
