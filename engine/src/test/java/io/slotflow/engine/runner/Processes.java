package io.slotflow.engine.runner;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: is a process still running? A zombie (dead, waiting to be reaped) is not. */
public final class Processes {

    private Processes() {
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
