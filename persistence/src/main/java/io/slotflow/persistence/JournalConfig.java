package io.slotflow.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

/**
 * The Pekko configuration that puts the journal, snapshot store and read journal on one shared
 * database, and binds Slotflow's events to their serializer. It is layered over the application's
 * own configuration, so an embedding application can still override any of it.
 */
public final class JournalConfig {

    /** Events replay in pages of this many: 100,000 events take seconds, not the default's 40. */
    static final int READ_BUFFER = 10_000;

    /** Binds Slotflow's events to their serializer; part of {@link #of}, and enough for in-memory test journals. */
    public static final Config SERIALIZATION = ConfigFactory.parseString("""
            pekko.actor {
              serializers.slotflow-event = "io.slotflow.persistence.RunEventSerializer"
              serialization-bindings { "io.slotflow.event.RunEvent" = slotflow-event }
            }
            """);

    private JournalConfig() {
    }

    /**
     * How many inserts into the journal run at once. H2 stores one commit at a time, each writing
     * every page it changed; with one insert at a time, whatever the actors asked to write meanwhile
     * goes into the next one (up to the plugin's batch of 400 rows), so a busy engine commits a few
     * large batches instead of many small ones. Each write is still answered only after its commit.
     * PostgreSQL keeps the plugin's 8: its commits overlap.
     */
    static int writeParallelism(JournalSettings settings) {
        return settings.dialect() == JournalSettings.Dialect.H2 ? 1 : 8;
    }

    /**
     * H2 writes each batch as two JDBC batches ({@link BatchedJournalDao}); PostgreSQL keeps the
     * plugin's own DAO, whose name the plugin's schema script also goes by (any other DAO gets its
     * legacy tables).
     */
    static String journalDao(JournalSettings settings) {
        return settings.dialect() == JournalSettings.Dialect.H2 ? BatchedJournalDao.class.getName()
                : "org.apache.pekko.persistence.jdbc.journal.dao.DefaultJournalDao";
    }

    public static Config of(JournalSettings settings) {
        return of(settings, ConfigFactory.load());
    }

    public static Config of(JournalSettings settings, Config fallback) {
        Config db = ConfigFactory.empty()
                .withValue("url", ConfigValueFactory.fromAnyRef(settings.url()))
                .withValue("driver", ConfigValueFactory.fromAnyRef(settings.dialect().driver()))
                .withValue("numThreads", ConfigValueFactory.fromAnyRef(settings.poolSize()))
                .withValue("maxConnections", ConfigValueFactory.fromAnyRef(settings.poolSize()))
                .withValue("minConnections", ConfigValueFactory.fromAnyRef(1))
                .withValue("connectionTimeout", ConfigValueFactory.fromAnyRef(5_000))
                .withValue("initializationFailFast", ConfigValueFactory.fromAnyRef(false));
        // credentials only when given: a URL may carry its own (?user=...)
        if (!settings.user().isEmpty()) {
            db = db.withValue("user", ConfigValueFactory.fromAnyRef(settings.user()));
        }
        if (!settings.password().isEmpty()) {
            db = db.withValue("password", ConfigValueFactory.fromAnyRef(settings.password()));
        }
        Config journal = ConfigFactory.parseString("""
                pekko.persistence {
                  journal.plugin = "jdbc-journal"
                  snapshot-store.plugin = "jdbc-snapshot-store"
                  journal.auto-start-journals = ["jdbc-journal"]
                  typed {
                    # commands that arrive while an entity persists are stashed; a full stash must
                    # fail loudly, never drop silently (the slot manager also never floods it)
                    stash-capacity = 1000000
                    stash-overflow-strategy = "fail"
                  }
                }
                jdbc-journal {
                  use-shared-db = "slick"
                  # writes wait in this queue to be batched; a full queue fails the write. The engine
                  # bounds its writers (slotflow.journal-writers), so this is room for several engines'
                  # worth, never a limit a plan's size can reach
                  bufferSize = 10000
                  # a write unanswered this long fails; under load writes queue behind each other, and a
                  # timed-out write may still commit: only a real outage should get here
                  circuit-breaker.call-timeout = 60s
                }
                jdbc-snapshot-store.use-shared-db = "slick"
                jdbc-read-journal {
                  use-shared-db = "slick"
                  refresh-interval = 200ms
                  # a write that died with its process leaves a hole in the journal's ordering for
                  # good: wait one second for a hole to fill, not the plugin's ten
                  journal-sequence-retrieval {
                    query-delay = 100ms
                    max-tries = 10
                    # a follower asks for the highest ordering; on a busy machine the answer can take
                    # longer than the plugin's one second, and the follow then fails for good
                    ask-timeout = 10s
                  }
                }
                """)
                .withFallback(SERIALIZATION)
                .withValue("jdbc-read-journal.max-buffer-size", ConfigValueFactory.fromAnyRef(READ_BUFFER))
                .withValue("jdbc-journal.parallelism", ConfigValueFactory.fromAnyRef(writeParallelism(settings)))
                .withValue("jdbc-journal.dao", ConfigValueFactory.fromAnyRef(journalDao(settings)))
                .withValue("pekko-persistence-jdbc.shared-databases.slick.profile",
                        ConfigValueFactory.fromAnyRef(settings.dialect().slickProfile()))
                .withValue("pekko-persistence-jdbc.shared-databases.slick.db", db.root());
        return journal.withFallback(fallback).resolve();
    }
}
