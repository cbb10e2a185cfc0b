package io.slotflow.engine.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the processes of a session are held together, so that stopping the session stops every one
 * of them and a session that ended leaves nothing behind. Detected once per JVM, by trying:
 *
 * <ul>
 *   <li>{@link CgroupContainment a cgroup v2 per session} where the engine may make one (as root,
 *       or in a delegated cgroup): a process cannot leave its cgroup, whatever it does — {@code
 *       setsid}, double forks, {@code env -i} — and {@code cgroup.kill} kills them all at once;</li>
 *   <li>otherwise {@link Scan a scan of /proc}: the shell's descendants, its Unix session, and
 *       every process carrying the session's token in its environment. A process that leaves all
 *       three is not found and outlives its session.</li>
 * </ul>
 *
 * A PID namespace ({@code unshare --pid --fork --kill-child}) was measured and not chosen: its init
 * ignores TERM from outside unless it installs a handler (so the grace period would not work), it
 * shows the session other process ids than the engine and the operator see, and it needs root.
 */
abstract class Containment {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    static final Path SETSID = Path.of("/usr/bin/setsid");

    /** One line saying what is in force, for the log and {@code slotflow --version}. */
    abstract String describe();

    /** The cgroup that holds the sessions' cgroups, for the watchdog; empty with the scan. */
    abstract Optional<Path> cgroup();

    /** Makes ready to start one session; {@code token} is its {@code SLOTFLOW_SESSION_TOKEN}. */
    abstract Session prepare(String token) throws IOException;

    /** One session, before and after its process starts. */
    interface Session {

        /** The command line to start: it runs {@code line} with {@code /bin/sh -c}, contained. */
        List<String> command(String line);

        /** The process started: from now on, all of the session's processes. */
        SessionProcesses started(Process process);

        /** The process could not start: undo {@link #prepare}. */
        void abandon();
    }

    /** Uses a cgroup per session where that works here, else the scan; says which in the log. */
    static Containment detect() {
        Containment containment;
        try {
            containment = CgroupContainment.create();
        } catch (IOException | RuntimeException e) {
            containment = new Scan(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        LOG.info("sessions are contained by {}", containment.describe());
        return containment;
    }

    /** {@code /bin/sh -c LINE}, in a Unix session of its own where {@code setsid} is installed. */
    static List<String> shell(String line) {
        return Files.isExecutable(SETSID)
                ? List.of(SETSID.toString(), "/bin/sh", "-c", line)
                : List.of("/bin/sh", "-c", line);
    }

    /** The fallback: the processes of a session are found by a scan of {@code /proc}. */
    static final class Scan extends Containment {

        private final String why;

        /** @param why why no cgroup is used */
        Scan(String why) {
            this.why = why;
        }

        @Override
        String describe() {
            return "a scan of /proc (no cgroup: " + why + ")";
        }

        @Override
        Optional<Path> cgroup() {
            return Optional.empty();
        }

        @Override
        Session prepare(String token) {
            return new Session() {
                @Override
                public List<String> command(String line) {
                    return shell(line);
                }

                @Override
                public SessionProcesses started(Process process) {
                    return new ProcessTree(process.pid(), token);
                }

                @Override
                public void abandon() {
                }
            };
        }
    }
}
