package io.slotflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs' leases on a real H2 file and on PostgreSQL (skipped without SLOTFLOW_TEST_POSTGRES_URL): a
 * held lease refuses a second engine with who holds it; a successor takes over a lease given back,
 * one run out, or one whose process is gone from this host, and the old holder's renewals then fail.
 */
class RunLeasesTest {

    @TempDir
    Path dir;

    @Test
    void onH2() throws Exception {
        exercise(JournalSettings.embedded(dir));
    }

    @Test
    void onPostgres() throws Exception {
        exercise(TestPostgres.settings());
    }

    private void exercise(JournalSettings settings) throws Exception {
        RunLeases leases = RunLeases.of(settings);
        leases.createTable();
        leases.createTable(); // idempotent
        String run = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        EngineProcess me = EngineProcess.current();

        RunLease first = leases.acquire(run);
        assertThat(first.process()).isEqualTo(me);
        assertThatThrownBy(() -> leases.acquire(run)).isInstanceOf(RunHeldException.class)
                .hasMessageStartingWith("run " + run + " is being run by process " + me.pid() + " on host "
                        + me.host() + " since ");
        assertThat(leases.renew(first)).isTrue();

        leases.release(first);
        assertThat(leases.read(run)).get().extracting(l -> l.ended().isPresent()).isEqualTo(true);
        RunLease second = leases.acquire(run); // given back: free at once
        assertThat(leases.renew(first)).as("a released lease is never renewed again").isFalse();

        // a live engine on another host, lease still running: refused; run out: taken over
        Instant now = Instant.now();
        RunLease foreign = new RunLease(run, "foreign", new EngineProcess("elsewhere", 1, Optional.empty()), now, now,
                now.plusSeconds(60), Optional.empty());
        overwrite(settings, foreign);
        assertThatThrownBy(() -> leases.acquire(run)).isInstanceOf(RunHeldException.class)
                .hasMessageContaining("on host elsewhere");
        overwrite(settings, new RunLease(run, "foreign", foreign.process(), now.minusSeconds(90),
                now.minusSeconds(30), now.minusSeconds(10), Optional.empty()));
        RunLease third = leases.acquire(run);
        assertThat(leases.renew(second)).as("the lease of a holder that was taken over").isFalse();

        // this host, lease still running, but the process is gone: taken over at once
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        overwrite(settings, new RunLease(run, "dead", new EngineProcess(me.host(), gone.pid(),
                Optional.of(now.minusSeconds(5))), now, now, now.plusSeconds(60), Optional.empty()));
        RunLease fourth = leases.acquire(run);
        assertThat(fourth.process()).isEqualTo(me);
        assertThat(leases.renew(third)).isFalse();
        assertThat(leases.renew(fourth)).isTrue();
    }

    @Test
    void aLeaseExpiresAfterItsTermWithoutRenewal() {
        JournalSettings settings = JournalSettings.embedded(dir);
        Instant start = Instant.parse("2026-12-02T04:00:00Z");
        RunLeases atStart = new RunLeases(settings, Clock.fixed(start, java.time.ZoneOffset.UTC), Duration.ofSeconds(20));
        atStart.createTable();
        RunLease lease = atStart.acquire("r");
        Optional<RunLease> read = atStart.read("r");
        String host = EngineProcess.localHost();
        assertThat(RunLease.verdict(read, host, start.plusSeconds(19))).isEqualTo(RunLease.Verdict.HELD);
        assertThat(RunLease.verdict(read, host, start.plusSeconds(20))).isEqualTo(RunLease.Verdict.EXPIRED);
        assertThat(lease.term()).isEqualTo(Duration.ofSeconds(20));
        assertThat(RunLease.verdict(Optional.empty(), host, start)).isEqualTo(RunLease.Verdict.FREE);
    }

    @Test
    void readersFindNoLeaseInAJournalNoEngineEverRan() {
        assertThat(RunLeases.of(JournalSettings.embedded(dir)).read("any")).isEmpty();
    }

    /** What another engine's write would leave: the row replaced outright. */
    private static void overwrite(JournalSettings settings, RunLease lease) throws Exception {
        java.util.Properties p = new java.util.Properties();
        if (!settings.user().isEmpty()) {
            p.setProperty("user", settings.user());
        }
        if (!settings.password().isEmpty()) {
            p.setProperty("password", settings.password());
        }
        try (Connection c = DriverManager.getConnection(settings.url(), p)) {
            try (var s = c.prepareStatement("DELETE FROM slotflow_run_lease WHERE run_id = ?")) {
                s.setString(1, lease.runId());
                s.executeUpdate();
            }
            assertThat(RunLeases.insert(c, lease)).isTrue();
        }
    }
}
