package io.slotflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session hosts' leases on a real H2 file and a real PostgreSQL server: a lease that ran out is fenced for good. */
class HostLeasesTest {

    private static final Duration TERM = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void onH2() {
        exercise(JournalSettings.embedded(dir));
    }

    @Test
    void onPostgres() {
        exercise(TestPostgres.settings());
    }

    private void exercise(JournalSettings settings) {
        HostLeases leases = new HostLeases(settings, TERM);
        leases.createTable();
        leases.createTable(); // idempotent
        String address = "pekko://slotflow@10.0.0.1:" + UUID.randomUUID();

        assertThat(leases.fenced(address, Set.of())).as("no lease: nothing can run there").isTrue();
        assertThat(leases.register(address, 1)).isTrue();
        assertThat(leases.register(address, 2)).as("a second incarnation waits for the first's lease").isFalse();
        assertThat(leases.renew(address, 1)).isTrue();
        assertThat(leases.fenced(address, Set.of())).isFalse();
        assertThat(leases.fenced(address, Set.of(1L))).as("the lease of a live incarnation").isTrue();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> leases.fenced(address, Set.of()));
        assertThat(leases.renew(address, 1)).as("a lease that ran out is never renewed").isFalse();
        assertThat(leases.register(address, 2)).as("a new incarnation takes the address over").isTrue();
        assertThat(leases.renew(address, 1)).isFalse();
        assertThat(leases.renew(address, 2)).isTrue();
        assertThat(leases.fenced(address, Set.of())).isFalse();

        leases.release(address, 2);
        assertThat(leases.fenced(address, Set.of())).as("given back: fenced at once").isTrue();
        assertThat(leases.renew(address, 2)).isFalse();
        assertThat(leases.register(address, 3)).isTrue();
    }
}
