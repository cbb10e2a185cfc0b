package io.slotflow.engine.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
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

    /** Every live process of the session, the leader included if alive. */
    Set<Long> members() {
        Set<Long> pids = new LinkedHashSet<>();
        ProcessHandle.of(leader).ifPresent(p -> {
            pids.add(leader);
            p.descendants().forEach(d -> pids.add(d.pid()));
        });
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid == ProcessHandle.current().pid() || pids.contains(pid)) {
                    continue;
                }
                if (sessionOf(entry) == leader || carriesToken(entry)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            // no /proc: the descendants are all we can find
        }
        return pids;
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

    /** The session id (field 6 of /proc/PID/stat), or -1. */
    private static long sessionOf(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count after its end
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
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
