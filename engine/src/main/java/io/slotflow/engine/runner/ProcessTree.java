package io.slotflow.engine.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The processes of one session found by a scan of {@code /proc}, where no cgroup holds them (see
 * {@link Containment}): the shell's descendants, whatever runs in the session the shell leads (its
 * children that started their own process group), and whatever carries the session's private token
 * in its environment (grandchildren re-parented to init after their parent died). A process that
 * does all three — leaves the session, loses its parent and clears its environment — is not found.
 */
final class ProcessTree implements SessionProcesses {

    private static final Path PROC = Path.of("/proc");

    private final long leader;
    private final byte[] tokenEntry;

    /** @param token the value of {@code SLOTFLOW_SESSION_TOKEN} the session was started with */
    ProcessTree(long leader, String token) {
        this.leader = leader;
        this.tokenEntry = (ProcessRunner.TOKEN_VARIABLE + "=" + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long leader() {
        return leader;
    }

    @Override
    public Set<Long> members() {
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

    @Override
    public void killAll() {
        members().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
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
}
