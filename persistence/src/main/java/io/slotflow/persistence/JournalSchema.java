package io.slotflow.persistence;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;

/** Creates the journal's tables on first start; idempotent on H2 and PostgreSQL. */
public final class JournalSchema {

    private JournalSchema() {
    }

    /**
     * Makes sure the tables exist, waiting at most {@code timeout}.
     *
     * @throws JournalUnavailableException when the database cannot be reached or written
     */
    public static void ensure(ActorSystem<?> system, JournalSettings settings, Duration timeout) {
        try {
            SchemaUtils.createIfNotExists(system).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (JournalCorruptException.isDamagedFile(e)) {
                throw JournalCorruptException.damaged("open the journal", HighWaterMarks.where(settings), e);
            }
            throw new JournalUnavailableException("cannot use the journal at " + settings.describe() + ": "
                    + JournalUnavailableException.rootMessage(e), e);
        } catch (TimeoutException e) {
            throw new JournalUnavailableException("the journal at " + settings.describe() + " did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailableException("interrupted while opening the journal", e);
        }
    }
}
