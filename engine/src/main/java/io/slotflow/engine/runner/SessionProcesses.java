package io.slotflow.engine.runner;

import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every process of one session, however they are found ({@link Containment}): what the runner
 * signals, and waits for until none is left.
 */
interface SessionProcesses {

    /** How often a stop looks again whether anything is left. */
    Duration POLL = Duration.ofMillis(20);
    /** Once KILL has been sent, it is sent again at most this far apart until nothing is left. */
    Duration KILL_AGAIN = Duration.ofSeconds(1);

    /** The session's own process id (the shell the command runs in). */
    long leader();

    /**
     * Every live process of the session, its own process included while alive. Zombies are left
     * out: they are dead already, and only wait for a parent (often init) to reap them.
     */
    Set<Long> members();

    /** Whether nothing of the session is alive. */
    default boolean gone() {
        return members().isEmpty();
    }

    /** SIGKILL to every process of the session. */
    void killAll();

    /** Once nothing is left: frees what held the session together (its cgroup). Never throws. */
    default void release() {
    }

    /**
     * Stops whatever of the session is alive: TERM to every process, up to {@code grace} for them
     * to go, then KILL, again and again, until nothing is left. Returns only then — or when the
     * calling thread is interrupted. If KILL has not emptied the session after {@code patience}
     * (a process stuck in the kernel), it says so in the log, once, and goes on trying. Blocks.
     */
    default void stop(Duration grace, Duration patience) {
        Set<Long> members = members();
        if (members.isEmpty() && gone()) {
            return;
        }
        members.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        long termEnds = System.nanoTime() + grace.toNanos();
        while (!gone() && System.nanoTime() < termEnds) {
            if (!pause(POLL)) {
                return;
            }
        }
        long killedAt = System.nanoTime();
        long nextKill = killedAt;
        long killEvery = POLL.toNanos();
        boolean warned = false;
        while (!gone()) {
            long now = System.nanoTime();
            if (now - nextKill >= 0) {
                killAll();
                killEvery = Math.min(killEvery * 2, KILL_AGAIN.toNanos());
                nextKill = now + killEvery;
            }
            if (!warned && now - killedAt > patience.toNanos()) {
                warned = true;
                Logger log = LoggerFactory.getLogger(ProcessRunner.class);
                log.warn("session process {}: processes {} are still alive {} s after KILL; still trying, and the "
                        + "session is not reported ended until they are gone", leader(), members(),
                        patience.toMillis() / 1000.0);
            }
            if (!pause(POLL)) {
                return;
            }
        }
    }

    /** Sleeps; false if interrupted (the flag is set again). */
    private static boolean pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
