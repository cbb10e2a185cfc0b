package io.slotflow.cli;

import io.slotflow.engine.RunStatus;
import io.slotflow.event.BarrierReached;
import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.ReviewsCreated;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunInterrupted;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.policy.WaitKind;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.state.RunningSession;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code slotflow run} shows while it runs. On a terminal: one line per slot and the ready
 * queue, redrawn in place. Elsewhere (CI, pipes): plain timestamped lines, one per session start
 * and end and per notable event, and a progress line now and then.
 */
abstract class LiveView {

    protected final PrintWriter out;
    protected final Clock clock;

    LiveView(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    static LiveView forOutput(PrintWriter out, boolean terminal, Clock clock) {
        return terminal ? new Terminal(out, clock, TerminalSize.ofThisTerminal(clock)) : new Lines(out, clock);
    }

    /** Called for every persisted event, on an engine thread. */
    abstract void event(RunEvent event);

    /** Called a few times a second with a fresh status. */
    abstract void refresh(RunStatus status, Duration elapsed);

    /** The run ended: leave the screen tidy. */
    abstract void finish();

    /**
     * "run · 1m02s · 12/62 done · 1 failed · 3 running": done counts every node with its final
     * outcome (succeeded, failed or blocked), against every node known so far (the plan's groups
     * and the reviews created); neither number ever goes down.
     */
    static String headline(RunStatus status, Duration elapsed) {
        int known = status.counts().values().stream().mapToInt(Integer::intValue).sum();
        if (known == 0) {
            return status.runId() + " · " + Show.duration(elapsed) + " · starting…";
        }
        int failed = status.count(NodeLifecycle.State.FAILED) + status.count(NodeLifecycle.State.BLOCKED);
        int done = status.count(NodeLifecycle.State.SUCCEEDED) + failed;
        return status.runId() + " · " + Show.duration(elapsed) + " · " + done + "/" + known + " done · " + failed
                + " failed · " + status.running().size() + " running";
    }

    /** "implementation 6 waiting (no free slot) · review 3 waiting (class review at its quota)" */
    static String queueLine(RunStatus status) {
        List<String> parts = new ArrayList<>();
        status.waitingByClass().forEach((cls, byKind) -> {
            int n = byKind.values().stream().mapToInt(Integer::intValue).sum();
            if (n > 0) {
                WaitKind common = byKind.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                parts.add(cls + " " + n + " waiting (mostly " + describe(common) + ")");
            }
        });
        return parts.isEmpty() ? "ready queue empty" : String.join(" · ", parts);
    }

    static String describe(WaitKind kind) {
        return switch (kind) {
            case NO_FREE_SLOT -> "no free slot";
            case CLASS_QUOTA -> "class quota";
            case SLOT_RESERVED -> "slot reserved for another class";
            case HELD_FOR_IDLE_SLOT -> "held for an idle slot";
            case FOOTPRINT_CONFLICT -> "footprint conflict";
            case WAVE_IN_PROGRESS -> "wave in progress";
            case NOT_YET_DECIDED -> "not yet decided";
            case DISPATCH_PAUSED -> "dispatch paused";
            case CATEGORY_TURN -> "category's turn";
            case CATEGORY_RUNS_ALONE -> "category runs alone";
            case CATEGORY_COOLING_DOWN -> "category cooling down";
        };
    }

    /**
     * Redrawn in place with ANSI cursor movement, never taller or wider than the terminal (a frame
     * that scrolled would leave a copy behind at every redraw): slots beyond the rows are summed up
     * in one line, busy slots shown first, and long lines are cut.
     */
    static final class Terminal extends LiveView {
        /** The headline, the queue line, and one row spare so that the last newline never scrolls. */
        private static final int FIXED_ROWS = 3;
        private final java.util.function.Supplier<TerminalSize> size;
        private int drawn;

        Terminal(PrintWriter out, Clock clock, java.util.function.Supplier<TerminalSize> size) {
            super(out, clock);
            this.size = size;
        }

        @Override
        void event(RunEvent event) {
        }

        @Override
        synchronized void refresh(RunStatus status, Duration elapsed) {
            TerminalSize screen = size.get();
            List<String> lines = new ArrayList<>();
            lines.add(headline(status, elapsed));
            int sourceRows = status.sourceProblems().isEmpty() ? 0 : 1;
            lines.addAll(slotLines(status, screen.rows() - FIXED_ROWS - sourceRows, nodeWidth(screen.columns())));
            lines.add("  " + queueLine(status));
            if (!status.sourceProblems().isEmpty()) {
                // a rejected source output must be seen, never hidden behind a busy run
                lines.add("  " + status.sourceProblems().size() + " source problems; last: "
                        + status.sourceProblems().get(status.sourceProblems().size() - 1));
            }
            if (drawn > 0) {
                TerminalWriter.control(out, "\033[" + drawn + "F\033[J");
            }
            lines.forEach(line -> out.println(Show.cut(line, screen.columns() - 1)));
            out.flush();
            drawn = lines.size();
        }

        /** The node column narrows on a narrow terminal so that the class and the time stay in view. */
        private static int nodeWidth(int columns) {
            // "  slot NNN " + node + " " + class (16) + " " + time (8), one column spare
            return Math.max(10, Math.min(40, columns - 1 - 37));
        }

        /** One line per slot when they fit in {@code rows}; else busy slots first and a line for the rest. */
        private List<String> slotLines(RunStatus status, int rows, int nodeWidth) {
            Map<Integer, RunningSession> bySlot = new HashMap<>();
            status.running().forEach(r -> bySlot.put(r.slot(), r));
            Instant now = clock.instant();
            List<Integer> order = new ArrayList<>();
            for (int s = 0; s < status.slots(); s++) {
                order.add(s);
            }
            int shown = order.size();
            if (order.size() > rows) {
                shown = Math.max(0, rows - 1);
                order.sort(java.util.Comparator.comparing((Integer s) -> !bySlot.containsKey(s))
                        .thenComparing(s -> s));
            }
            List<String> lines = new ArrayList<>();
            for (int s : order.subList(0, shown)) {
                RunningSession r = bySlot.get(s);
                lines.add(r == null ? String.format("  slot %-3d —", s + 1)
                        : String.format("  slot %-3d %-" + nodeWidth + "s %-16s %8s", s + 1, Show.cut(r.node(), nodeWidth),
                                r.borrowed() ? r.workClass() + " (borrowed)" : r.workClass(),
                                Show.duration(Duration.between(r.dispatchedAt(), now))));
            }
            if (shown < order.size()) {
                long busy = order.subList(shown, order.size()).stream().filter(bySlot::containsKey).count();
                lines.add(String.format("  … %d more slots: %d busy, %d idle", order.size() - shown, busy,
                        order.size() - shown - busy));
            }
            return lines;
        }

        @Override
        synchronized void finish() {
            drawn = 0;
        }
    }

    /** Plain lines with a time stamp, for logs. */
    static final class Lines extends LiveView {
        private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
        private final Map<String, Instant> started = new HashMap<>();
        private Instant lastProgress;

        Lines(PrintWriter out, Clock clock) {
            super(out, clock);
        }

        @Override
        synchronized void event(RunEvent event) {
            String at = Show.clock(event.at());
            java.util.Optional<String> sourceProblem = io.slotflow.state.SourceProblems.line(event);
            if (sourceProblem.isPresent()) {
                out.printf("%s SOURCE    %s%n", at, sourceProblem.get());
            } else if (event instanceof io.slotflow.event.SpecsAdded added) {
                out.printf("%s added     %d specs from %s: %s%n", at, added.specs().size(), added.by(),
                        added.specs().stream().map(io.slotflow.plan.Spec::id).collect(java.util.stream.Collectors.joining(", ")));
            } else if (event instanceof NodeDispatched d) {
                started.put(d.node(), d.at());
                out.printf("%s start     %s (%s, slot %d%s, attempt %d)%n", at, d.node(), d.workClass(), d.slot() + 1,
                        d.borrowed() ? " borrowed" : "", d.attempt());
            } else if (event instanceof SessionFinished f) {
                Instant from = started.remove(f.node());
                out.printf("%s %-9s %s%s%s%n", at, f.outcome().name().toLowerCase(), f.node(),
                        from == null ? "" : " after " + Show.duration(Duration.between(from, f.at())),
                        f.detail().isEmpty() ? "" : ": " + f.detail());
            } else if (event instanceof NodeFailed f) {
                out.printf("%s FAILED    %s: %s%n", at, f.node(), f.reason());
            } else if (event instanceof NodeBlocked b) {
                out.printf("%s BLOCKED   %s: blocked by %s%n", at, b.node(), b.blockedBy());
            } else if (event instanceof BarrierReached b) {
                out.printf("%s barrier   %s reached for %d specs%n", at, b.barrier(), b.specs().size());
            } else if (event instanceof ReviewsCreated r) {
                out.printf("%s reviews   %d created (%s)%n", at, r.nodes().size(), r.injection().name().toLowerCase());
            } else if (event instanceof RunResumed) {
                out.printf("%s resumed%n", at);
            } else if (event instanceof RunInterrupted i) {
                out.printf("%s interrupting: %s%n", at, i.reason());
            }
            out.flush();
        }

        @Override
        synchronized void refresh(RunStatus status, Duration elapsed) {
            Instant now = clock.instant();
            if (lastProgress == null || Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) >= 0) {
                if (lastProgress != null) {
                    out.printf("%s progress  %s · %s%n", Show.clock(now), headline(status, elapsed), queueLine(status));
                    out.flush();
                }
                lastProgress = now;
            }
        }

        @Override
        void finish() {
        }
    }
}
