package io.slotflow.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.pattern.DynamicConverter;
import io.slotflow.cli.logging.CauseOrDetails;
import io.slotflow.cli.logging.OneLineMessage;
import io.slotflow.persistence.OwnerOnly;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * While {@code run} or {@code node} runs, the log goes to {@code <state-dir>/slotflow.log} and
 * nothing to the terminal, which the live view owns; the file is the owner's only (0600). A logging configuration of the user's own
 * ({@code -Dlogback.configurationFile=…}) is left alone.
 */
final class EngineLogFile implements AutoCloseable {

    static final String FILE_NAME = "slotflow.log";
    /**
     * Time, level, logger, then the run, node and attempt from the MDC ("-" when unset), the message
     * on one line and a fault's innermost cause (its stack trace only at DEBUG), as on the terminal.
     */
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{36} run=%X{run:--} node=%X{node:--} "
            + "attempt=%X{attempt:--} %safemsg%cause%n";

    private final Logger root;
    private final List<Appender<ILoggingEvent>> consoles;
    private final FileAppender<ILoggingEvent> file;
    private final Logger slotflow;
    private final Level slotflowBefore;

    private EngineLogFile(Logger root, List<Appender<ILoggingEvent>> consoles, FileAppender<ILoggingEvent> file,
            Logger slotflow, Level slotflowBefore) {
        this.root = root;
        this.consoles = consoles;
        this.file = file;
        this.slotflow = slotflow;
        this.slotflowBefore = slotflowBefore;
    }

    private static EngineLogFile untouched() {
        return new EngineLogFile(null, List.of(), null, null, null);
    }

    /** Where the log of a state directory goes. */
    static Path of(Path stateDir) {
        return stateDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    }

    static EngineLogFile open(Path stateDir) {
        if (System.getProperty("logback.configurationFile") != null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return untouched();
        }
        try {
            // the log says what sessions did: owner-only, as the rest of the state directory
            OwnerOnly.createDirectories(stateDir);
            OwnerOnly.restrictFile(of(stateDir));
        } catch (java.io.IOException e) {
            return untouched(); // the state directory cannot be written: the engine will say so
        }
        oneLineFaults(context);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(of(stateDir).toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        if (!file.isStarted()) { // the state directory cannot be written: the engine will say so
            return untouched();
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(consoles::add);
        root.addAppender(file);
        consoles.forEach(root::detachAppender);
        Logger slotflow = context.getLogger("io.slotflow");
        Level before = slotflow.getLevel();
        slotflow.setLevel(Level.toLevel(System.getenv().getOrDefault("SLOTFLOW_LOG_LEVEL", "INFO"), Level.INFO));
        return new EngineLogFile(root, consoles, file, slotflow, before);
    }

    /** The pattern's one-line words, as the CLI's logback.xml declares them (here too for another configuration). */
    @SuppressWarnings("unchecked")
    private static void oneLineFaults(LoggerContext context) {
        Map<String, Supplier<DynamicConverter<?>>> rules =
                (Map<String, Supplier<DynamicConverter<?>>>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        rules.putIfAbsent("safemsg", OneLineMessage::new);
        rules.putIfAbsent("cause", CauseOrDetails::new);
    }

    /** The console appenders come back (the next command in a test's JVM starts as a new process would). */
    @Override
    public void close() {
        if (root != null) {
            consoles.forEach(root::addAppender);
            root.detachAppender(file);
            file.stop();
            slotflow.setLevel(slotflowBefore);
        }
    }
}
