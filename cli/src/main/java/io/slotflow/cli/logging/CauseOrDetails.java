package io.slotflow.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.slotflow.plan.Printable;

/**
 * {@code %cause}: what a logged fault comes down to, on the same line — {@code : <its innermost
 * cause>} — instead of a stack trace of a hundred lines per retry. With the root logger at DEBUG
 * ({@code SLOTFLOW_LOG_LEVEL=debug}) the whole stack trace follows, as the details.
 */
public final class CauseOrDetails extends ThrowableHandlingConverter {

    private final ThrowableProxyConverter details = new ThrowableProxyConverter();

    @Override
    public void start() {
        details.setContext(getContext());
        details.start();
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return "";
        }
        if (detailsWanted()) {
            return System.lineSeparator() + details.convert(event);
        }
        IThrowableProxy root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClassName() : root.getMessage();
        int newline = message.indexOf('\n');
        String line = Printable.escape(newline < 0 ? message : message.substring(0, newline));
        return event.getFormattedMessage() != null && event.getFormattedMessage().contains(line) ? "" : ": " + line;
    }

    private boolean detailsWanted() {
        Object context = getContext();
        if (context instanceof ch.qos.logback.classic.LoggerContext logback) {
            Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
            return root.getLevel() != null && root.getLevel().toInt() <= Level.DEBUG_INT;
        }
        return false;
    }
}
