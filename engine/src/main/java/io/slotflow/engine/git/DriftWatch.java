package io.slotflow.engine.git;

import io.slotflow.footprint.Footprint;
import io.slotflow.workspace.Drift;
import io.slotflow.workspace.DriftCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the target branches of running sessions. Each interval costs one {@code git rev-parse}
 * per repository and target, however many sessions work on it; only when a target moved are the
 * sessions on it looked at: the files the target's commits since a session's base touch, against
 * what the session changed so far in its worktree and the writes it declared ({@link DriftCheck}), both
 * from where the session's own work begins ({@link AttemptWorkspace#ownBase()}).
 * A session with a stake in them is told — its drift file is written, then the engine hears
 * (and journals it) — once per tip.
 */
final class DriftWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.slotflow.merge");

    /** One running session on a target. */
    record Watched(AttemptWorkspace workspace, Footprint declared, Path driftFile, Consumer<Drift> tell) {
    }

    /** The sessions of one target, each with the tip it was last looked at for. */
    private static final class Target {
        final Git repo;
        final GitTarget target;
        final Map<Watched, String> sessions = new ConcurrentHashMap<>();

        Target(GitTarget target) {
            this.repo = new Git(Path.of(target.repository()));
            this.target = target;
        }
    }

    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slotflow-drift");
        thread.setDaemon(true);
        return thread;
    });

    DriftWatch(Duration interval) {
        ticker.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void watch(GitTarget target, Watched session) {
        targets.computeIfAbsent(target.repository() + "\0" + target.ref(), k -> new Target(target)).sessions
                .put(session, session.workspace().worktree().base());
    }

    void forget(GitTarget target, Watched session) {
        Target t = targets.get(target.repository() + "\0" + target.ref());
        if (t != null) {
            t.sessions.remove(session);
        }
    }

    private void tick() {
        for (Target t : targets.values()) {
            if (t.sessions.isEmpty()) {
                continue;
            }
            try {
                String tip = t.repo.commit(t.target.ref()).orElse("");
                for (Map.Entry<Watched, String> session : new ArrayList<>(t.sessions.entrySet())) {
                    if (!tip.isEmpty() && !tip.equals(session.getValue())) {
                        // looked at once per tip: a session told of this tip is not told again
                        t.sessions.replace(session.getKey(), session.getValue(), tip);
                        look(t, session.getKey(), tip);
                    }
                }
            } catch (RuntimeException e) {
                // the watch only advises: a git that fails now is asked again next interval
                LOG.debug("drift watch of {}: {}", t.target.branch(), e.getMessage());
            }
        }
    }

    private void look(Target t, Watched w, String tip) {
        AttemptWorkspace ws = w.workspace();
        // from where the session's own work begins: after it rebased on an earlier warning, the commits
        // it rebased onto are in its worktree and must not count as files it changed
        String base = ws.ownBase();
        if (tip.equals(base) || !t.sessions.containsKey(w)) {
            return;
        }
        List<String> touched = t.repo.run("diff", "--name-only", "-z", "--no-renames", base, tip).items();
        if (touched.isEmpty()) {
            return;
        }
        Set<String> changed = new HashSet<>(ws.tree().run("diff", "--name-only", "-z", "--no-renames", base).items());
        changed.addAll(ws.tree().run("ls-files", "--others", "--exclude-standard", "-z").items());
        List<String> files = DriftCheck.overlap(touched, changed, w.declared());
        if (files.isEmpty()) {
            return;
        }
        Drift drift = new Drift(t.target.branch(), base, tip, files);
        try {
            // written whole, then moved over the last one: a session never reads half of it
            Path next = w.driftFile().resolveSibling(w.driftFile().getFileName() + ".next");
            Files.writeString(next, describe(drift), StandardCharsets.UTF_8);
            Files.move(next, w.driftFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write the drift file {}: {}", w.driftFile(), e.getMessage());
        }
        w.tell().accept(drift);
    }

    /** The drift file: one {@code key value} per line, a {@code file} line per file, so a shell can read it. */
    static String describe(Drift drift) {
        StringBuilder text = new StringBuilder()
                .append("target ").append(drift.target()).append('\n')
                .append("base ").append(drift.base()).append('\n')
                .append("tip ").append(drift.tip()).append('\n');
        drift.files().forEach(f -> text.append("file ").append(f).append('\n'));
        return text.toString();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
