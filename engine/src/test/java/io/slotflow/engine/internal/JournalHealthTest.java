package io.slotflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalHealthTest {

    private static final Instant T = Instant.parse("2026-12-02T08:00:00Z");

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now = T;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Moving clock = new Moving();
    private final List<String> warnings = new ArrayList<>();
    private final JournalHealth health = new JournalHealth(clock, warnings::add);
    private final List<List<RunEvent>> passedOn = new ArrayList<>();
    private final RunListener listener = health.watching(passedOn::add);

    @Test
    void theFirstWriteAfterAnOutageSaysOnceThatTheJournalIsReachableAgain() {
        listener.persisted(List.of(new RunResumed(T)));
        assertThat(warnings).as("no outage, nothing to say").isEmpty();

        health.writeFailed();
        clock.now = T.plus(Duration.ofSeconds(25));
        health.writeFailed();
        health.writeFailed();
        listener.persisted(List.of());
        assertThat(warnings).as("nothing was written yet").isEmpty();

        listener.persisted(List.of(new RunResumed(T)));
        listener.persisted(List.of(new RunResumed(T)));
        assertThat(warnings).containsExactly("journal reachable again: writes go through after 3 failed writes over 25 s");
        assertThat(passedOn).hasSize(4);
    }
}
