package io.slotflow.engine.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cgroup v2 per session. The engine makes {@code slotflow-<pid>-<random>} in its own cgroup, and
 * one {@code session-<n>} in it per session; the session's shell moves itself in before it runs
 * the command, so everything the command starts is born inside and cannot leave (only root can
 * move a process out, by writing another cgroup's {@code cgroup.procs}). Stopping a session is TERM
 * to every process listed, the grace, then {@code cgroup.kill} (Linux 5.14; before, KILL to every
 * process listed until none is). The watchdog kills the engine's whole {@code slotflow-…} cgroup.
 */
final class CgroupContainment extends Containment {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final String PREFIX = "slotflow-";
    /** $1 the session's cgroup, $2 the command: join, then run it as before. */
    private static final String JOIN = "echo 0 > \"$1/cgroup.procs\" || "
            + "{ echo \"slotflow: cannot move the session into its cgroup $1\" >&2; exit 125; }; exec ";

    private final Path parent;
    private final boolean canKill;
    private final AtomicLong sessions = new AtomicLong();

    private CgroupContainment(Path parent, boolean canKill) {
        this.parent = parent;
        this.canKill = canKill;
    }

    /** Makes the engine's cgroup and tries moving a process into a cgroup in it; throws saying why not. */
    static CgroupContainment create() throws IOException {
        Path own = ownCgroup();
        removeStale(own);
        Path parent = own.resolve(PREFIX + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectory(parent);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot make a cgroup in " + own + ": permission denied");
        } catch (IOException e) {
            throw new IOException("cannot make a cgroup in " + own + ": " + e.getMessage());
        }
        try {
            probe(parent.resolve("probe"));
        } catch (IOException | RuntimeException e) {
            remove(parent);
            throw e;
        }
        // only an empty cgroup can go; the watchdog removes it after a crash
        Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(parent), "slotflow-cgroup-cleanup"));
        return new CgroupContainment(parent, Files.exists(parent.resolve("cgroup.kill")));
    }

    @Override
    String describe() {
        return "a cgroup v2 per session, in " + parent + (canKill ? "" : " (no cgroup.kill: killed one by one)");
    }

    @Override
    Optional<Path> cgroup() {
        return Optional.of(parent);
    }

    @Override
    Session prepare(String token) throws IOException {
        Path dir = parent.resolve("session-" + sessions.incrementAndGet());
        Files.createDirectories(dir); // the engine's cgroup too, should anything have removed it
        return new Session() {
            @Override
            public List<String> command(String line) {
                String setsid = Files.isExecutable(SETSID) ? SETSID + " " : "";
                return List.of("/bin/sh", "-c", JOIN + setsid + "/bin/sh -c \"$2\"", "slotflow-session", dir.toString(),
                        line);
            }

            @Override
            public SessionProcesses started(Process process) {
                return new Processes(dir, process, canKill);
            }

            @Override
            public void abandon() {
                remove(dir);
            }
        };
    }

    /** The directory of this JVM's own cgroup in the cgroup v2 hierarchy. */
    private static Path ownCgroup() throws IOException {
        String own = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            if (line.startsWith("0::")) {
                own = line.substring(3);
            }
        }
        if (own == null) {
            throw new IOException("this process is in no cgroup v2 hierarchy");
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2 || !halves[1].startsWith("cgroup2 ")) {
                continue;
            }
            String[] fields = halves[0].split(" ");
            String root = unescape(fields[3]);
            Path mountPoint = Path.of(unescape(fields[4]));
            String relative = root.equals("/") ? own : own.startsWith(root + "/") ? own.substring(root.length())
                    : own.equals(root) ? "/" : null;
            if (relative != null) {
                Path dir = mountPoint.resolve(relative.substring(1));
                if (Files.isDirectory(dir)) {
                    return dir;
                }
            }
        }
        throw new IOException("no cgroup v2 hierarchy is mounted where this process can see its cgroup");
    }

    /** Mount info escapes space, tab, newline and backslash as octal. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).chars().allMatch(Character::isDigit)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Starts a shell that moves itself into a new cgroup, as sessions will; throws if it cannot. */
    private static void probe(Path dir) throws IOException {
        Files.createDirectory(dir);
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", "echo 0 > \"$1/cgroup.procs\"", "slotflow-probe",
                    dir.toString()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String error = new String(p.getErrorStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("a process did not move into " + dir + " within 10 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("cannot move a process into " + dir
                        + (error.isEmpty() ? "" : ": " + error.substring(error.lastIndexOf(": ") + 2)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while trying " + dir);
        } finally {
            remove(dir);
        }
    }

    /** Removes the empty cgroups left by engines that are gone (a crash whose watchdog died too). */
    private static void removeStale(Path own) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(own, PREFIX + "*")) {
            for (Path dir : dirs) {
                String[] parts = dir.getFileName().toString().split("-");
                try {
                    if (parts.length == 3 && ProcessHandle.of(Long.parseLong(parts[1])).isEmpty()) {
                        remove(dir);
                    }
                } catch (NumberFormatException notOurs) {
                    // leave it
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot look for stale cgroups in {}", own, e);
        }
    }

    /** Removes a cgroup and the cgroups in it, as far as they are empty. Never throws. */
    static void remove(Path dir) {
        try {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
                entries.forEach(children::add);
            }
            children.forEach(CgroupContainment::remove);
            Files.deleteIfExists(dir);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot remove the cgroup {}", dir, e);
        }
    }

    /** The processes of one session: whatever is in its cgroup, and its shell before it got there. */
    private static final class Processes implements SessionProcesses {

        private final Path dir;
        private final Process shell;
        private final boolean canKill;
        /** Processes seen in the cgroup, by pid, with their start times: gone only once these are. */
        private final Map<Long, Long> seen = new HashMap<>();

        Processes(Path dir, Process shell, boolean canKill) {
            this.dir = dir;
            this.shell = shell;
            this.canKill = canKill;
        }

        @Override
        public long leader() {
            return shell.pid();
        }

        @Override
        public synchronized Set<Long> members() {
            Set<Long> found = new LinkedHashSet<>();
            if (shell.isAlive()) {
                found.add(shell.pid());
            }
            listed(dir, found);
            found.removeIf(pid -> {
                long started = startTime(pid);
                if (started < 0) {
                    return true;
                }
                seen.put(pid, started);
                return false;
            });
            return found;
        }

        /**
         * Nothing is alive: the shell was reaped, the cgroup is empty, and every process seen in it
         * is dead (a process leaves its cgroup a moment before it is a zombie).
         */
        @Override
        public synchronized boolean gone() {
            if (shell.isAlive()) {
                return false;
            }
            try {
                String events = Files.readString(dir.resolve("cgroup.events"));
                if (events.contains("populated 1")) {
                    return false;
                }
            } catch (NoSuchFileException removed) {
                // nothing can be in it
            } catch (IOException e) {
                if (!members().isEmpty()) {
                    return false;
                }
            }
            seen.entrySet().removeIf(e -> startTime(e.getKey()) != e.getValue());
            return seen.isEmpty();
        }

        @Override
        public void killAll() {
            if (shell.isAlive()) {
                shell.destroyForcibly(); // it may not have moved into the cgroup yet
            }
            if (canKill) {
                try {
                    Files.writeString(dir.resolve("cgroup.kill"), "1");
                    return;
                } catch (IOException e) {
                    LOG.debug("cannot write {}", dir.resolve("cgroup.kill"), e);
                }
            }
            members().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }

        @Override
        public void release() {
            remove(dir);
        }

        /** The processes listed in a cgroup and the cgroups in it. */
        private static void listed(Path cgroup, Set<Long> into) {
            try {
                for (String line : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                    if (!line.isBlank()) {
                        into.add(Long.parseLong(line.trim()));
                    }
                }
                try (DirectoryStream<Path> children = Files.newDirectoryStream(cgroup, Files::isDirectory)) {
                    children.forEach(child -> listed(child, into));
                }
            } catch (IOException | RuntimeException e) {
                // removed meanwhile
            }
        }

        /** A live process's start time (field 22 of /proc/PID/stat), or -1 if it is gone or a zombie. */
        private static long startTime(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 21);
                return fields[0].equals("Z") || fields[0].equals("X") ? -1 : Long.parseLong(fields[19]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
