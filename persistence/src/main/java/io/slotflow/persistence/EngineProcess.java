package io.slotflow.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An engine's process as a lease records it: the host, the pid and when that process started (so a
 * pid the system has since given to another process is not mistaken for the engine).
 */
public record EngineProcess(String host, long pid, Optional<Instant> started) {

    /** Start times read twice for one process differ by the clock's rounding; a reused pid by far more. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    /** This JVM's process. */
    public static EngineProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new EngineProcess(localHost(), self.pid(), self.info().startInstant());
    }

    /**
     * Whether this process, which ran on {@code thisHost}'s host, is provably gone: same host, and
     * no process with its pid, or one started at another time. A process on another host is never
     * provably gone from here.
     */
    public boolean isGoneFrom(String thisHost) {
        if (!host.equals(thisHost)) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return true;
        }
        Optional<Instant> now = handle.get().info().startInstant();
        return started.isPresent() && now.isPresent()
                && Duration.between(started.get(), now.get()).abs().compareTo(SAME_START) > 0;
    }

    /** The host name, from the kernel when it can say (no DNS look-up that could hang). */
    public static String localHost() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException notLinux) {
            // fall through
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
