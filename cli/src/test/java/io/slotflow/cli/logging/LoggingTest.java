package io.slotflow.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The CLI's logback configuration: a fault retried a hundred times is one line on standard error,
 * with its innermost cause and no stack trace; the stack trace is there at DEBUG.
 */
class LoggingTest {

    private static final RuntimeException OUTAGE = new IllegalStateException("Failed to persist event",
            new SQLException("connection lost", new ConnectException("Connection refused")));

    @Test
    void aFaultRepeatedByEveryRetryIsOneLineWithItsCause() throws Exception {
        String err = logged(Level.WARN, context -> {
            for (int i = 0; i < 100; i++) {
                context.getLogger("org.apache.pekko.actor.typed.internal.RestartSupervisor")
                        .error("Supervisor RestartSupervisor saw failure: Failed to persist event " + i, OUTAGE);
            }
            context.getLogger("io.slotflow.engine.Runner").warn("session log: No space left on device \u001b[2J");
        });
        assertThat(err).isEqualTo(
                "slotflow: ERROR RestartSupervisor: Supervisor RestartSupervisor saw failure: Failed to persist event 0: "
                        + "Connection refused\n"
                        + "slotflow: WARN Runner: session log: No space left on device \\u001B[2J\n");
    }

    @Test
    void atDebugEveryEventComesWithItsStackTrace() throws Exception {
        String err = logged(Level.DEBUG, context -> {
            for (int i = 0; i < 3; i++) {
                context.getLogger("x").error("failed", OUTAGE);
            }
        });
        assertThat(err.lines().filter(l -> l.startsWith("slotflow: ERROR x: failed"))).hasSize(3);
        assertThat(err).contains("\tat ").contains("Caused by: java.net.ConnectException: Connection refused");
    }

    private interface Logging {
        void log(LoggerContext context);
    }

    /** What the CLI's logback.xml prints on standard error for these events. */
    private static String logged(Level root, Logging logging) throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            try (InputStream config = LoggingTest.class.getResourceAsStream("/logback.xml")) {
                configurator.doConfigure(config);
            }
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(root);
            logging.log(context);
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
