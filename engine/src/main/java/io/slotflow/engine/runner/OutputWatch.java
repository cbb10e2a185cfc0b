package io.slotflow.engine.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Any output is a heartbeat: a session writes straight into its log files (no pipe an orphan could
 * hold open, nothing to drain), and one shared thread looks at their sizes every {@value #POLL_MS}
 * ms; a file that grew calls the heartbeat.
 */
final class OutputWatch {

    static final long POLL_MS = 50;
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slotflow-output-watch");
        t.setDaemon(true);
        return t;
    });

    private final Path[] files;
    private final long[] sizes;
    private final Runnable heartbeat;
    private final ScheduledFuture<?> polling;

    private OutputWatch(Runnable heartbeat, Path... files) {
        this.files = files;
        this.sizes = new long[files.length];
        this.heartbeat = heartbeat;
        this.polling = POLLER.scheduleWithFixedDelay(this::look, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** Watches these (new, empty) files until {@link #stop()}. */
    static OutputWatch start(Runnable heartbeat, Path... files) {
        return new OutputWatch(heartbeat, files);
    }

    /** Looks a last time (output at the very end counts too), then stops watching. */
    void stop() {
        polling.cancel(false);
        look();
    }

    private synchronized void look() {
        boolean grew = false;
        for (int i = 0; i < files.length; i++) {
            try {
                long size = Files.size(files[i]);
                if (size != sizes[i]) {
                    sizes[i] = size;
                    grew = true;
                }
            } catch (IOException | RuntimeException e) {
                // removed or unreadable: no sign of life from it
            }
        }
        if (grew) {
            try {
                heartbeat.run();
            } catch (RuntimeException e) {
                // the heartbeat only sets a flag; never let it stop the watch
            }
        }
    }
}
