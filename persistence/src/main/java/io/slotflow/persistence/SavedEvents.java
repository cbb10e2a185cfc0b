package io.slotflow.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Moves the high-water marks of an H2 file journal forward to what H2 has saved: notes each run's
 * acknowledged events, has H2 save and sync everything committed ({@code CHECKPOINT}), then writes
 * the noted counts. Runs about once a second on one daemon thread while any mark is open, and once
 * more when a mark closes.
 */
final class SavedEvents {

    private static final Duration EVERY = Duration.ofSeconds(1);

    private final JournalSettings settings;
    private final List<HighWaterMarks.MarkFile> open = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> tick;

    SavedEvents(JournalSettings settings) {
        this.settings = settings;
    }

    synchronized void add(HighWaterMarks.MarkFile mark) {
        open.add(mark);
        if (tick == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "slotflow-high-water");
                t.setDaemon(true);
                return t;
            });
            tick = timer.scheduleWithFixedDelay(this::settleAll, EVERY.toMillis(), EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Records the mark's last events (once saved) and stops tracking it. */
    synchronized void remove(HighWaterMarks.MarkFile mark) {
        if (!open.remove(mark)) {
            return;
        }
        settle(List.of(mark));
        mark.close();
        if (open.isEmpty() && timer != null) {
            timer.shutdown(); // a tick already running finishes first
            timer = null;
            tick = null;
        }
    }

    /** Records and closes every open mark. */
    synchronized void removeAll() {
        List.copyOf(open).forEach(this::remove);
    }

    private void settleAll() {
        settle(List.copyOf(open));
    }

    private void settle(List<HighWaterMarks.MarkFile> marks) {
        if (marks.isEmpty()) {
            return;
        }
        long[] noted = new long[marks.size()];
        for (int i = 0; i < noted.length; i++) {
            noted[i] = marks.get(i).acknowledged(); // before the checkpoint: only what it surely saves
        }
        if (!checkpoint()) {
            return; // not saved for sure: the marks wait for the next tick
        }
        for (int i = 0; i < noted.length; i++) {
            marks.get(i).write(noted[i]);
        }
    }

    private boolean checkpoint() {
        Properties credentials = settings.credentials();
        try (Connection c = DriverManager.getConnection(settings.url(), credentials); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
