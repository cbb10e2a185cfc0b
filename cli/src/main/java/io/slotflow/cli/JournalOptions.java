package io.slotflow.cli;

import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.NoJournalException;
import io.slotflow.replay.Replay;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the journal and the state live: {@code --journal} and {@code --state-dir}. */
final class JournalOptions {

    @Option(names = "--journal", paramLabel = "JDBC_URL",
            description = "Journal database (jdbc:h2:… or jdbc:postgresql:…); credentials from "
                    + "SLOTFLOW_JOURNAL_USER and SLOTFLOW_JOURNAL_PASSWORD. Default: an H2 file in the state directory.")
    String journalUrl;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".slotflow",
            description = "Holds the default journal and the session logs (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--journal-pool", paramLabel = "N", defaultValue = "4",
            description = "Connections to the journal's database, the default H2 file too (default: ${DEFAULT-VALUE}).")
    int pool;

    /** The journal's settings; a mistake in the options is a usage error (exit 2), found before anything is opened. */
    JournalSettings settings() {
        if (pool < 1) {
            throw new Main.UserError("--journal-pool: needs at least 1 connection, got " + pool, ExitCode.INVALID);
        }
        if (journalUrl == null) {
            JournalSettings embedded = JournalSettings.embedded(stateDir);
            return new JournalSettings(embedded.url(), embedded.user(), embedded.password(), pool);
        }
        try {
            return JournalSettings.fromUrl(journalUrl, System.getenv(), pool);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("--journal: " + e.getMessage(), ExitCode.INVALID);
        }
    }

    /**
     * Opens the journal for a read command ({@code status}, {@code runs}, {@code replay}, …), which
     * never creates or changes anything: where there is no journal it says so and exits 2; a
     * read-only journal is read read-only.
     */
    Replay openForReading() {
        return existing(Replay::openExisting);
    }

    /** As {@link #openForReading()}, the journal reader itself. */
    JournalReader openReader() {
        return existing(JournalReader::openExisting);
    }

    private <T> T existing(java.util.function.Function<JournalSettings, T> open) {
        JournalSettings settings = settings();
        try {
            return open.apply(settings);
        } catch (NoJournalException e) {
            throw new Main.UserError(journalUrl == null
                    ? "no journal at " + describe() + " (nothing has run with --state-dir " + stateDir + ")"
                    : e.getMessage(), ExitCode.INVALID);
        }
    }

    /** The options that name this journal again in a printed command (no password), each after a space. */
    String sameJournalOptions() {
        return (journalUrl == null ? "" : " --journal '" + JournalSettings.redact(journalUrl) + "'")
                + (stateDir.equals(Path.of(".slotflow")) ? "" : " --state-dir " + stateDir);
    }

    /** Where the journal is, for people (no password). */
    String describe() {
        return journalUrl == null ? stateDir.toAbsolutePath().normalize().resolve("journal.mv.db").toString()
                : settings().describe();
    }
}
