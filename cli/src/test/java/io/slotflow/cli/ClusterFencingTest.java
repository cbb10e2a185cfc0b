package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.TestPostgres;
import io.slotflow.verify.Verifier;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing: three {@code slotflow node} JVMs on a PostgreSQL journal; the member that is not the
 * coordinator's, running sessions, is frozen with SIGSTOP past its lease, and woken with SIGCONT
 * once its sessions run elsewhere. Its sessions' processes are not frozen with it. Judged from the
 * sessions' own records — each appends its start, a tick every half second and its end, with its pid
 * and its member's pid, to one file — not from the journal: no node ever ran in two places at once,
 * the woken member starts and records nothing, and the verifier finds nothing wrong in the journal.
 */
@Tag("slow")
@Tag("postgres") // owns the shared PostgreSQL journal's one coordinator row: runs alone, after the parallel tests (cli/pom.xml)
class ClusterFencingTest {

    /** Six sessions of about 40 s on K = 6, over three members of 3 slots: most members run two. */
    private static final int SPECS = 6;
    private static final int TICKS = 80;

    /** Kept when the test fails: the sessions' records and the members' logs tell what happened. */
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    private final List<ClusterMember> members = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        members.forEach(ClusterMember::killIfAlive);
    }

    /** One line a session wrote: what, which node and attempt, its pid, its member's pid, when. */
    record Mark(String what, String node, int attempt, long pid, long member, long atMillis) {
        static Mark parse(String line) {
            String[] f = line.split(" ");
            return new Mark(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                    Long.parseLong(f[5]));
        }
    }

    @Test
    void aFrozenMembersSessionsNeverRunTwiceAndItRecordsNothingWhenItWakes() throws Exception {
        freezeAndWake(false);
    }

    /**
     * The coordinator's member frozen: the coordinator starts on another member and takes the
     * journal's fence; the woken former coordinator writes nothing (the journal refuses it), and the
     * same records show no node ran twice at once.
     */
    @Test
    void aFrozenCoordinatorsMemberWritesNothingWhenItWakes() throws Exception {
        freezeAndWake(true);
    }

    private void freezeAndWake(boolean theCoordinators) throws Exception {
        JournalSettings journal = TestPostgres.settings();
        String runId = "fencing-" + UUID.randomUUID().toString().substring(0, 6);
        Path records = dir.resolve("records");
        Files.createFile(records);
        System.out.println("fencing: the sessions' records are in " + records);
        List<Integer> ports = startMembers(journal);
        CompletableFuture<Cli> run = submit(runId, journal, ports.get(1), records);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> starts(records) == SPECS);
        // members.get(0), the oldest, hosts the coordinator: freeze it, or the other that runs more sessions
        ClusterMember frozen = theCoordinators ? members.get(0)
                : startedOn(records, members.get(2).pid()) >= startedOn(records, members.get(1).pid())
                ? members.get(2) : members.get(1);
        assertThat(startedOn(records, frozen.pid())).as("sessions on the member to freeze").isPositive();
        List<String> frozenNodes = marks(records).stream().filter(m -> m.what().equals("start")
                && m.member() == frozen.pid()).map(Mark::node).toList();
        frozen.freeze();
        long frozenAt = System.currentTimeMillis();

        // its sessions run again elsewhere: a start of each of its nodes from another member
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> marks(records).stream()
                .filter(m -> m.what().equals("start") && frozenNodes.contains(m.node()) && m.member() != frozen.pid())
                .count() >= frozenNodes.size());
        long rerunAt = marks(records).stream().filter(m -> m.what().equals("start") && frozenNodes.contains(m.node())
                && m.member() != frozen.pid()).mapToLong(Mark::atMillis).min().orElseThrow();
        // two seconds of the re-runs: had the frozen member's sessions not been stopped, they would tick on
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> marks(records).stream()
                .filter(m -> m.what().equals("tick") && m.atMillis() > rerunAt && m.member() != frozen.pid()
                        && frozenNodes.contains(m.node())).count() >= 4 * frozenNodes.size());
        long lastTickThere = marks(records).stream().filter(m -> m.member() == frozen.pid())
                .mapToLong(Mark::atMillis).max().orElseThrow();
        System.out.printf("fencing: frozen at +0 s, its sessions' last tick at %+.1f s, the first re-run at %+.1f s%n",
                (lastTickThere - frozenAt) / 1000.0, (rerunAt - frozenAt) / 1000.0);
        assertThat(lastTickThere).as("the frozen member's sessions were stopped before they ran elsewhere")
                .isLessThan(rerunAt);
        frozen.thaw();

        assertThat(frozen.awaitExit(Duration.ofMinutes(2))).as("the woken member stops: %s", frozen.output())
                .isEqualTo(ExitCode.JOURNAL);
        Cli done = run.get(5, TimeUnit.MINUTES);
        assertThat(done.exitCode()).as(done.out() + done.err()).isZero();

        List<Mark> marks = marks(records);
        assertThat(marks).filteredOn(m -> m.member() == frozen.pid() && m.atMillis() > rerunAt)
                .as("the woken member ran nothing once its sessions ran elsewhere").isEmpty();
        Map<String, List<Mark>> byNode = marks.stream().collect(Collectors.groupingBy(Mark::node));
        assertThat(byNode).hasSize(SPECS);
        for (List<Mark> node : byNode.values()) {
            assertNeverTwiceAtOnce(node);
        }
        List<RunEvent> events = events(journal, runId);
        assertThat(new Verifier().check(events)).isEmpty();
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunCompleted.class);
        assertThat(events).filteredOn(e -> e instanceof SessionFinished f && f.outcome() == SessionOutcome.LOST)
                .hasSize(frozenNodes.size());
        String frozenHost = "pekko://slotflow@127.0.0.1:" + ports.get(members.indexOf(frozen));
        assertThat(events).filteredOn(e -> e instanceof NodeDispatched d && d.host().equals(frozenHost)
                && d.at().isAfter(Instant.ofEpochMilli(frozenAt))).isEmpty();
        if (theCoordinators) {
            assertNoWriterCameBack(journal, "SlotManager|" + runId);
        }
    }

    /**
     * From the journal: each writer (an instance of the actor, on one member) of the slot manager
     * wrote one unbroken stretch of its events — once another instance had written, the earlier one
     * never wrote again. A woken former coordinator writing after the new one took over would break it.
     */
    private static void assertNoWriterCameBack(JournalSettings journal, String persistenceId) throws Exception {
        List<String> writers = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(journal.url(), journal.credentials());
                java.sql.PreparedStatement s = c.prepareStatement(
                        "SELECT writer FROM event_journal WHERE persistence_id = ? ORDER BY sequence_number")) {
            s.setString(1, persistenceId);
            try (java.sql.ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    writers.add(r.getString(1));
                }
            }
        }
        List<String> stretches = new ArrayList<>();
        for (String writer : writers) {
            if (stretches.isEmpty() || !stretches.get(stretches.size() - 1).equals(writer)) {
                stretches.add(writer);
            }
        }
        System.out.printf("fencing: %s was written by %d instances in %d stretches%n", persistenceId,
                new java.util.HashSet<>(stretches).size(), stretches.size());
        assertThat(stretches).as("no writer of %s wrote again after another had", persistenceId).doesNotHaveDuplicates();
    }

    /** Each attempt of a node, from its first record to half a second past its last, apart from every other. */
    private static void assertNeverTwiceAtOnce(List<Mark> node) {
        Map<Long, List<Mark>> byProcess = node.stream().collect(Collectors.groupingBy(Mark::pid));
        List<long[]> spans = byProcess.values().stream()
                .map(p -> new long[] {p.stream().mapToLong(Mark::atMillis).min().orElseThrow(),
                        p.stream().mapToLong(Mark::atMillis).max().orElseThrow() + 500})
                .sorted(Comparator.comparingLong(s -> s[0])).toList();
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("%s ran in two places at once: %s", node.get(0).node(), node)
                    .isGreaterThan(spans.get(i - 1)[1]);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private List<Integer> startMembers(JournalSettings journal) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports.add(socket.getLocalPort());
            }
        }
        for (int i = 0; i < 3; i++) {
            ClusterMember member = new ClusterMember(ports.get(i), ports, 3, journal.url(), dir.resolve("member-" + i));
            members.add(member);
            member.start();
        }
        return ports;
    }

    private CompletableFuture<Cli> submit(String runId, JournalSettings journal, int port, Path records)
            throws IOException {
        Path session = dir.resolve("session.sh");
        // the member is the session's nearest java ancestor; every record is one append of one short line
        Files.writeString(session, """
                m=$$
                while [ "$m" -gt 1 ] && [ "$(cat /proc/$m/comm 2>/dev/null)" != java ]; do m=$(cut -d' ' -f4 /proc/$m/stat); done
                rec() { echo "$1 $SLOTFLOW_NODE $SLOTFLOW_ATTEMPT $$ $m $(date +%%s%%3N)" >> %s; }
                rec start
                i=0
                while [ $i -lt %d ]; do sleep 0.5; rec tick; i=$((i+1)); done
                rec end
                """.formatted(records, TICKS));
        StringBuilder plan = new StringBuilder("name: fencing\nrun: {slots: 6}\nspecs:\n");
        for (int i = 0; i < SPECS; i++) {
            plan.append("  - {id: s").append(i).append(", command: \"sh ").append(session).append("\", writes: [s")
                    .append(i).append("]}\n");
        }
        Path planFile = dir.resolve("plan.yaml");
        Files.writeString(planFile, plan);
        return CompletableFuture.supplyAsync(() -> Cli.run("run", planFile.toString(), "--run-id", runId, "--view",
                "lines", "--cluster", "127.0.0.1:" + port, "--journal", journal.url(), "--state-dir",
                dir.resolve("client").toString()));
    }

    private static List<Mark> marks(Path records) throws IOException {
        return Files.readAllLines(records).stream().filter(l -> l.split(" ").length == 6).map(Mark::parse).toList();
    }

    private static long starts(Path records) throws IOException {
        return marks(records).stream().filter(m -> m.what().equals("start")).count();
    }

    private static long startedOn(Path records, long member) throws IOException {
        return marks(records).stream().filter(m -> m.what().equals("start") && m.member() == member).count();
    }

    private static List<RunEvent> events(JournalSettings journal, String runId) {
        try (JournalReader reader = JournalReader.open(journal)) {
            return reader.events(runId);
        } catch (NoSuchElementException notYet) {
            return List.of();
        }
    }
}
