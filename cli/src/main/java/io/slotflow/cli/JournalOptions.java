package io.slotflow.cli;

import io.slotflow.persistence.JournalSettings;
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

    JournalSettings settings() {
        if (journalUrl != null) {
            return JournalSettings.fromUrl(journalUrl, System.getenv(), pool);
        }
        JournalSettings embedded = JournalSettings.embedded(stateDir);
        return new JournalSettings(embedded.url(), embedded.user(), embedded.password(), pool);
    }

    /** Where the journal is, for people (no password). */
    String describe() {
        return journalUrl == null ? stateDir.toAbsolutePath().normalize().resolve("journal.mv.db").toString()
                : settings().describe();
    }
}
