package io.slotflow.engine.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Test helper: is a process still running? A zombie (dead, waiting to be reaped) is not. */
public final class Processes {

    private Processes() {
    }

    /**
     * Whether sessions are in cgroups of their own here (as root, or in a delegated cgroup). Tests
     * that need it are skipped with a message without; with {@code SLOTFLOW_REQUIRE_CGROUP} set, as
     * in CI, they fail instead.
     */
    public static void assumeSessionsInCgroups() {
        String inForce = ProcessRunner.containment();
        if (!inForce.startsWith("a cgroup")) {
            String why = "sessions are not contained by cgroups here (run as root): " + inForce;
            if (System.getenv("SLOTFLOW_REQUIRE_CGROUP") != null) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
    }

    public static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception gone) {
            return false;
        }
    }
}
