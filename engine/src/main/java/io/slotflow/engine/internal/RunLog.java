package io.slotflow.engine.internal;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeReady;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.ReviewsCreated;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunInterrupted;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SessionStarted;
import io.slotflow.event.SpecFailed;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The engine's log of a run (SLF4J logger {@code io.slotflow.run}), written from the events as they
 * are persisted, so it says what the journal says: run started, resumed, stopped, completed
 * (INFO); each dispatch and each session's end with its outcome (INFO; failed, timed out and lost
 * sessions WARN); nodes that failed for good or were blocked (WARN); a run that cannot go on
 * (ERROR). Every line carries the run in the MDC ({@code run}) and, for a node, the node and
 * attempt ({@code node}, {@code attempt}).
 */
public final class RunLog {

    /** The logger's name, for logging configurations. */
    public static final String LOGGER = "io.slotflow.run";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private RunLog() {
    }

    /** Logs each persisted event, then hands it on. */
    public static RunListener listening(String runId, RunListener next) {
        return events -> {
            events.forEach(event -> log(runId, event));
            next.persisted(events);
        };
    }

    /** Logs the run's end, then hands it on. */
    public static RunSupervisor supervising(String runId, RunSupervisor next) {
        return new RunSupervisor() {
            @Override
            public void begun(boolean resumed) {
                next.begun(resumed);
            }

            @Override
            public void completed() {
                next.completed();
            }

            @Override
            public void interrupted() {
                inRun(runId, () -> LOG.info("run stopped: no session runs any more"));
                next.interrupted();
            }

            @Override
            public void failed(String reason) {
                inRun(runId, () -> LOG.error("run cannot go on: {}", reason));
                next.failed(reason);
            }
        };
    }

    static void log(String runId, RunEvent event) {
        if (event instanceof PlanAccepted a) {
            inRun(runId, () -> LOG.info("run started: plan {}, {} specs, K = {}, {}", a.plan().name(),
                    a.plan().specs().size(), a.plan().run().slots(), a.plan().run().dispatch().name().toLowerCase()));
        } else if (event instanceof RunResumed) {
            inRun(runId, () -> LOG.info("run resumed"));
        } else if (event instanceof RunInterrupted i) {
            inRun(runId, () -> LOG.info("run stopping: {}", i.reason()));
        } else if (event instanceof RunCompleted) {
            inRun(runId, () -> LOG.info("run completed"));
        } else if (event instanceof NodeReady r) {
            inNode(runId, r.node(), r.attempt(), () -> LOG.debug("ready"));
        } else if (event instanceof NodeDispatched d) {
            inNode(runId, d.node(), d.attempt(), () -> LOG.info("dispatched to slot {} ({}) after waiting {} ms",
                    d.slot() + 1, d.workClass(), Math.max(0, Duration.between(d.readyAt(), d.at()).toMillis())));
        } else if (event instanceof SessionStarted s) {
            inNode(runId, s.node(), s.attempt(), () -> LOG.debug("session started, pid {}", s.pid()));
        } else if (event instanceof SessionFinished f) {
            inNode(runId, f.node(), f.attempt(), () -> sessionEnded(f));
        } else if (event instanceof NodeFailed f) {
            inNode(runId, f.node(), f.attempt(), () -> LOG.warn("node failed for good: {}", f.reason()));
        } else if (event instanceof io.slotflow.event.NodeCancelled c) {
            inNode(runId, c.node(), () -> LOG.warn("node {}", io.slotflow.state.CancelNotes.detail(c)));
        } else if (event instanceof NodeBlocked b) {
            inNode(runId, b.node(), () -> LOG.warn("node blocked by {}", b.blockedBy()));
        } else if (event instanceof SpecFailed s) {
            inRun(runId, () -> LOG.warn("spec {} failed: {}", s.spec(), s.failedNodes()));
        } else if (event instanceof ReviewsCreated r) {
            inRun(runId, () -> LOG.info("{} reviews created at barrier {} ({})", r.nodes().size(), r.barrier(),
                    r.injection().name().toLowerCase()));
        } else {
            inRun(runId, () -> LOG.debug("{}", event));
        }
    }

    private static void sessionEnded(SessionFinished f) {
        String exit = f.exitCode() == null ? "" : " (exit " + f.exitCode() + ")";
        String detail = f.detail().isEmpty() ? "" : ": " + f.detail();
        if (f.outcome().isFailure() || f.outcome() == SessionOutcome.LOST) {
            LOG.warn("session ended {}{}{}", f.outcome(), exit, detail);
        } else {
            LOG.info("session ended {}{}{}", f.outcome(), exit, detail);
        }
    }

    private static void inRun(String runId, Runnable log) {
        try (MDC.MDCCloseable run = MDC.putCloseable("run", runId)) {
            log.run();
        }
    }

    private static void inNode(String runId, String node, Runnable log) {
        try (MDC.MDCCloseable run = MDC.putCloseable("run", runId);
                MDC.MDCCloseable id = MDC.putCloseable("node", node)) {
            log.run();
        }
    }

    private static void inNode(String runId, String node, int attempt, Runnable log) {
        try (MDC.MDCCloseable n = MDC.putCloseable("attempt", Integer.toString(attempt))) {
            inNode(runId, node, log);
        }
    }
}
