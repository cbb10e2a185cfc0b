package io.slotflow.engine.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds and kills every process of one session, on Linux: the shell's descendants, whatever runs
 * in the session the shell leads (its children that started their own process group), and
 * whatever carries the session's private token in its environment (grandchildren re-parented to
 * init after their parent died). TERM first, a grace period, then KILL, until nothing is left.
 */
final class ProcessTree {

    private static final Path PROC = Path.of("/proc");
    private static final Duration POLL = Duration.ofMillis(20);

    private final long leader;
    private final byte[] tokenEntry;

    /** @param token the value of {@code SLOTFLOW_SESSION_TOKEN} the session was started with */
    ProcessTree(long leader, String token) {
        this.leader = leader;
        this.tokenEntry = (ProcessRunner.TOKEN_VARIABLE + "=" + token).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Every live process of the session, the leader included if alive. Zombies are left out: they
     * are dead already, and only wait for a parent (often init) to reap them.
     */
    Set<Long> members() {
        Map<Long, Long> parents = new HashMap<>();
        Set<Long> found = new LinkedHashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                String[] stat = stat(entry);
                if (stat == null || "Z".equals(stat[0]) || pid == ProcessHandle.current().pid()) {
                    continue;
                }
                parents.put(pid, Long.parseLong(stat[1]));
                if (pid == leader || Long.parseLong(stat[3]) == leader || carriesToken(entry)) {
                    found.add(pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: fall back on what Java sees of the leader's children
            ProcessHandle.of(leader).ifPresent(p -> {
                found.add(leader);
                p.descendants().forEach(d -> found.add(d.pid()));
            });
            return found;
        }
        // descendants of the leader that left its session and dropped the token still count
        for (Long pid : parents.keySet()) {
            for (Long up = parents.get(pid); up != null && up > 1; up = parents.get(up)) {
                if (up == leader || found.contains(up)) {
                    found.add(pid);
                    break;
                }
            }
        }
        return found;
    }

    /**
     * TERM to every member, wait up to {@code grace} for them to go, then KILL what is left, until
     * none is left (or {@code patience} runs out). Blocks the calling thread.
     */
    void kill(Duration grace, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        members().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        long termDeadline = System.nanoTime() + grace.toNanos();
        while (!members().isEmpty() && System.nanoTime() < termDeadline) {
            pause();
        }
        while (System.nanoTime() < deadline) {
            Set<Long> left = members();
            if (left.isEmpty()) {
                return;
            }
            left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            pause();
        }
    }

    /** Fields 3 (state), 4 (parent), 5 (group) and 6 (session) of /proc/PID/stat, or null. */
    private static String[] stat(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count after its end
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ", 5);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private boolean carriesToken(Path proc) {
        try {
            byte[] environ = Files.readAllBytes(proc.resolve("environ"));
            return indexOf(environ, tokenEntry) >= 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue; // entries start after a NUL
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (i + needle.length == haystack.length || haystack[i + needle.length] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
