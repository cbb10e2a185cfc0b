package io.slotflow.replay;

import io.slotflow.event.BarrierReached;
import io.slotflow.event.BatchFormed;
import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.ReviewsCreated;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunInterrupted;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionStarted;
import io.slotflow.event.SpecCompleted;
import io.slotflow.event.SpecFailed;
import java.time.Duration;
import java.util.Locale;

/** A run's story in words: one line per event, as {@code slotflow replay} prints it. */
public final class EventLog {

    private EventLog() {
    }

    public static String describe(RunEvent event) {
        if (event instanceof PlanAccepted e) {
            return "plan accepted: " + e.plan().name() + " (" + e.plan().specs().size() + " specs, K = "
                    + e.plan().run().slots() + ", " + e.plan().run().dispatch().name().toLowerCase(Locale.ROOT) + ")";
        } else if (event instanceof RunResumed) {
            return "run resumed";
        } else if (event instanceof NodeReady e) {
            return "ready       " + e.node() + (e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "");
        } else if (event instanceof NodeDispatched e) {
            Duration waited = Duration.between(e.readyAt(), e.at());
            return "dispatched  " + e.node() + " → slot " + (e.slot() + 1) + " (" + e.workClass()
                    + (e.borrowed() ? ", a borrowed slot" : "") + ", attempt " + e.attempt() + ", waited "
                    + seconds(waited.isNegative() ? Duration.ZERO : waited)
                    + (e.waitedMillis().isEmpty() ? "" : ": " + TimelineHtml.reasons(e.waitedMillis())) + ")";
        } else if (event instanceof SessionStarted e) {
            return "started     " + e.node() + (e.pid() > 0 ? " (pid " + e.pid() + ")" : "");
        } else if (event instanceof SessionFinished e) {
            return "finished    " + e.node() + " " + e.outcome() + (e.detail().isEmpty() ? "" : ": " + e.detail());
        } else if (event instanceof NodeSucceeded e) {
            return "succeeded   " + e.node() + (e.noop() ? " (nothing to do)" : "");
        } else if (event instanceof NodeFailed e) {
            return "FAILED      " + e.node() + ": " + e.reason();
        } else if (event instanceof NodeBlocked e) {
            return "BLOCKED     " + e.node() + " by " + e.blockedBy();
        } else if (event instanceof io.slotflow.event.NodeCancelled e) {
            return "CANCELLED   " + e.node() + (e.reason().isEmpty() ? "" : ": " + e.reason()) + by(e.by());
        } else if (event instanceof SpecCompleted e) {
            return "spec " + e.spec() + " completed";
        } else if (event instanceof SpecFailed e) {
            return "spec " + e.spec() + " failed: " + String.join(", ", e.failedNodes());
        } else if (event instanceof BarrierReached e) {
            return "barrier " + e.barrier() + " reached for " + String.join(", ", e.specs());
        } else if (event instanceof ReviewsCreated e) {
            return e.nodes().size() + " reviews created (" + e.injection().name().toLowerCase(Locale.ROOT) + ") by "
                    + e.barrier();
        } else if (event instanceof BatchFormed e) {
            return "batch " + e.batch() + " formed of " + String.join(", ", e.members());
        } else if (event instanceof RunInterrupted e) {
            return "run interrupted: " + e.reason() + by(e.by());
        } else if (event instanceof io.slotflow.event.DispatchPaused e) {
            return "dispatch paused" + (e.reason().isEmpty() ? "" : ": " + e.reason()) + by(e.by());
        } else if (event instanceof io.slotflow.event.DispatchResumed e) {
            return "dispatch resumed" + by(e.by());
        } else if (event instanceof io.slotflow.event.SlotsResized e) {
            return "slots resized from K = " + e.from() + " to K = " + e.to() + by(e.by());
        } else if (event instanceof io.slotflow.event.DriftSeen e) {
            return e.node() + " attempt " + e.attempt() + ": " + e.target() + " moved to " + abbreviated(e.tip())
                    + " over " + String.join(", ", e.files()) + " (drift, told the session)";
        } else if (event instanceof io.slotflow.event.QueueDecided e) {
            return "decided     " + (e.started().isEmpty() ? "no start" : "started " + String.join(", ", e.started()))
                    + (e.waiting().isEmpty() ? "" : "; waiting: " + waits(e.waiting()))
                    + (e.left().isEmpty() ? "" : "; left the queue: " + String.join(", ", e.left()));
        } else if (event instanceof RunCompleted) {
            return "run completed";
        } else if (event instanceof io.slotflow.event.SourceRun e) {
            return "source      " + e.source() + " run " + e.run() + " (" + e.category() + " has share to spare)";
        } else if (event instanceof io.slotflow.event.SourceDrained e) {
            return "source      " + e.source() + " run " + e.run() + ": no more work, drained";
        } else if (event instanceof io.slotflow.event.SpecsAdded e) {
            return "specs added by " + e.by() + ": " + e.specs().stream().map(io.slotflow.plan.Spec::id)
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        java.util.Optional<String> problem = io.slotflow.state.SourceProblems.line(event);
        if (problem.isPresent()) {
            return problem.get();
        }
        return event.toString();
    }

    private static String abbreviated(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** The changed reasons, a few of them by name, in node order. */
    private static String waits(java.util.Map<String, io.slotflow.event.RecordedWait> waiting) {
        java.util.List<String> named = new java.util.ArrayList<>();
        new java.util.TreeMap<>(waiting).forEach((node, w) -> named.add(node + " "
                + w.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (w.about().isEmpty() ? "" : " (" + w.about() + ")")));
        int shown = Math.min(named.size(), 5);
        return String.join(", ", named.subList(0, shown))
                + (named.size() > shown ? " and " + (named.size() - shown) + " more" : "");
    }

    private static String by(String who) {
        return who.isEmpty() ? "" : " (by " + who + ")";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
