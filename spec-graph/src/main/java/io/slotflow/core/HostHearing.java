package io.slotflow.core;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resume protocol's memory: which session hosts have yet to say what runs on them for this run,
 * and what those that answered said. A host that leaves meanwhile is not waited for. A session is
 * decided only on the word of its own host, or once its host is fenced: a host that was not asked
 * (it was not known when the run resumed) may still run it.
 */
final class HostHearing {

    private final Set<String> toHear = new HashSet<>();
    private final Set<String> heard = new HashSet<>();
    private final Set<String> gone = new HashSet<>();
    private final Set<SessionKey> running = new HashSet<>();
    private final Map<SessionKey, Input.SessionEnded> ended = new LinkedHashMap<>();
    private boolean active;

    void begin(Set<String> hosts) {
        active = true;
        toHear.addAll(hosts);
    }

    boolean isActive() {
        return active;
    }

    /** Takes a host's answer; false when that host was not being waited for. */
    boolean hear(Input.LiveSessions live) {
        if (!active || !toHear.remove(live.host())) {
            return false;
        }
        heard.add(live.host());
        running.addAll(live.running());
        live.ended().forEach(e -> ended.putIfAbsent(e.session(), e));
        return true;
    }

    void gone(Set<String> hosts) {
        toHear.removeAll(hosts);
        gone.addAll(hosts);
    }

    /** Whether what runs on {@code host} is known: it answered, or it is gone and fenced. */
    boolean knows(String host) {
        return heard.contains(host) || gone.contains(host);
    }

    boolean everyHostAnswered() {
        return active && toHear.isEmpty();
    }

    boolean stillRuns(SessionKey session) {
        return running.contains(session);
    }

    Optional<Input.SessionEnded> endOf(SessionKey session) {
        return Optional.ofNullable(ended.get(session));
    }

    void finish() {
        active = false;
        heard.clear();
        gone.clear();
        running.clear();
        ended.clear();
    }
}
