package io.slotflow.engine;

import io.slotflow.persistence.JournalSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an engine runs: where its state lives, which journal it writes, how it stops sessions.
 *
 * @param stateDirectory holds the embedded journal (by default) and the session logs, {@code .slotflow}
 * @param journal the journal's database
 * @param killGrace between TERM and KILL when a session is stopped
 * @param settleTimeout the longest a lazy review waits for a finished session's follow-ups
 * @param clock the source of every timestamp in the journal
 * @param journalRetries how many times an actor whose journal write failed starts again (with a
 *     backoff of 0.2 s growing to 5 s) before the run gives up; 60 rides out about five minutes
 */
public record EngineSettings(
        Path stateDirectory, JournalSettings journal, Duration killGrace, Duration settleTimeout, Clock clock,
        int journalRetries) {

    public EngineSettings {
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(killGrace, "killGrace");
        Objects.requireNonNull(settleTimeout, "settleTimeout");
        Objects.requireNonNull(clock, "clock");
        if (journalRetries < 0) {
            throw new IllegalArgumentException("journalRetries must not be negative");
        }
    }

    /** The defaults: an embedded H2 journal in {@code stateDirectory}, 500 ms kill grace. */
    public static EngineSettings defaults(Path stateDirectory) {
        return new EngineSettings(stateDirectory, JournalSettings.embedded(stateDirectory), Duration.ofMillis(500),
                Duration.ofSeconds(5), Clock.systemUTC(), 60);
    }

    public EngineSettings withJournal(JournalSettings newJournal) {
        return new EngineSettings(stateDirectory, newJournal, killGrace, settleTimeout, clock, journalRetries);
    }

    public EngineSettings withKillGrace(Duration grace) {
        return new EngineSettings(stateDirectory, journal, grace, settleTimeout, clock, journalRetries);
    }

    public EngineSettings withClock(Clock newClock) {
        return new EngineSettings(stateDirectory, journal, killGrace, settleTimeout, newClock, journalRetries);
    }

    public EngineSettings withJournalRetries(int retries) {
        return new EngineSettings(stateDirectory, journal, killGrace, settleTimeout, clock, retries);
    }

    /** Where the session logs of a run go. */
    public Path logDirectory(String runId) {
        return stateDirectory.resolve("runs").resolve(runId).resolve("logs");
    }
}
