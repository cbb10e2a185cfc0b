package io.slotflow.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Marker;

/**
 * One line per fault, not one per retry: while the journal's database is down every persistent
 * actor fails, restarts and fails again, each time with the same cause. A warning or error whose
 * logger and innermost cause (or, without one, its message with the numbers left out) were logged
 * less than {@link #window} ago is dropped. Below WARN, and with the root logger at DEBUG,
 * everything passes.
 */
public final class RepeatedFaults extends TurboFilter {

    private static final int REMEMBERED = 256;

    private long window = 60_000;
    private final Map<String, Long> lastSeen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** How long a fault stays known, in milliseconds (logback sets it from {@code <windowMillis>}). */
    public void setWindowMillis(long millis) {
        this.window = millis;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger.getLoggerContext()
                .getLogger(Logger.ROOT_LOGGER_NAME).getLevel().toInt() <= Level.DEBUG_INT) {
            return FilterReply.NEUTRAL;
        }
        String key = logger.getName() + "|" + (t != null ? cause(t) : String.valueOf(format).replaceAll("\\d+", "#"));
        long now = System.currentTimeMillis();
        synchronized (lastSeen) {
            Long before = lastSeen.get(key);
            if (before != null && now - before < window) {
                return FilterReply.DENY;
            }
            lastSeen.put(key, now);
        }
        return FilterReply.NEUTRAL;
    }

    private static String cause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + String.valueOf(root.getMessage()).replaceAll("\\d+", "#");
    }
}
