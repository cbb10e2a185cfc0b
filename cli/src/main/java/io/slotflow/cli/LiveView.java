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
import io.slotflow.sim.Forecast;
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
    /** Merge results and drift warnings so far, in a git workspace. */
    private final Map<io.slotflow.workspace.MergeResult, Integer> merges =
            new java.util.EnumMap<>(io.slotflow.workspace.MergeResult.class);
    private int drifts;
    private java.util.Optional<Forecast> forecast = java.util.Optional.empty();
    /** Nodes done at the last refresh (-1 before the first), and when that number last changed. */
    private int lastDone = -1;
    private Duration lastDoneAt = Duration.ZERO;

    LiveView(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    static LiveView forOutput(PrintWriter out, boolean terminal, Clock clock) {
        return terminal ? new Terminal(out, clock, TerminalSize.ofThisTerminal(clock)) : new Lines(out, clock);
    }

    /** The headline shows the time left as this forecast says (the simulation of the run's plan). */
    LiveView forecasting(Forecast simulated) {
        this.forecast = java.util.Optional.of(simulated);
        return this;
    }

    /** Called for every persisted event, on an engine thread. */
    final synchronized void event(RunEvent event) {
        if (event instanceof SessionFinished f) {
            f.git().ifPresent(g -> merges.merge(g.result(), 1, Integer::sum));
        } else if (event instanceof io.slotflow.event.DriftSeen) {
            drifts++;
        }
        shown(event);
    }

    /** What this view shows of an event. */
    abstract void shown(RunEvent event);

    /** "git: 3 merged, 1 conflict, 1 noop · 1 drift warning"; empty without a git workspace. */
    synchronized String gitLine() {
        if (merges.isEmpty() && drifts == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        merges.forEach((r, n) -> parts.add(n + " " + r.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        return "git: " + String.join(", ", parts) + (drifts == 0 ? "" : " · " + drifts + " drift warning"
                + (drifts == 1 ? "" : "s"));
    }

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
        int failed = status.count(NodeLifecycle.State.FAILED) + status.count(NodeLifecycle.State.BLOCKED)
                + status.count(NodeLifecycle.State.CANCELLED);
        return status.runId() + " · " + Show.duration(elapsed) + " · " + done(status) + "/" + known + " done · " + failed
                + " failed · " + status.running().size() + " running";
    }

    private static int done(RunStatus status) {
        return status.count(NodeLifecycle.State.SUCCEEDED) + status.count(NodeLifecycle.State.FAILED)
                + status.count(NodeLifecycle.State.BLOCKED) + status.count(NodeLifecycle.State.CANCELLED);
    }

    /**
     * The headline, and "about 1m10s left" from the forecast: it is told how many nodes are done and
     * how long ago that number last grew (since the run started, before any is done).
     */
    String headlineWithForecast(RunStatus status, Duration elapsed) {
        String headline = headline(status, elapsed);
        int done = done(status);
        if (done != lastDone) {
            lastDoneAt = lastDone < 0 && done == 0 ? Duration.ZERO : elapsed;
            lastDone = done;
        }
        if (headline.endsWith("starting…") || status.phase() != RunStatus.Phase.RUNNING) {
            return headline;
        }
        return forecast.flatMap(f -> f.remaining(done, elapsed.minus(lastDoneAt)))
                .map(left -> headline + " · about " + Show.duration(left) + " left").orElse(headline);
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
            case RESOURCE_FULL -> "resource full";
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
        void shown(RunEvent event) {
        }

        @Override
        synchronized void refresh(RunStatus status, Duration elapsed) {
            TerminalSize screen = size.get();
            String git = gitLine();
            List<String> lines = new ArrayList<>();
            lines.add(headlineWithForecast(status, elapsed));
            int sourceRows = status.sourceProblems().isEmpty() ? 0 : 1;
            lines.addAll(slotLines(status, screen.rows() - FIXED_ROWS - (git.isEmpty() ? 0 : 1) - sourceRows,
                    nodeWidth(screen.columns())));
            lines.add("  " + queueLine(status));
            if (!git.isEmpty()) {
                lines.add("  " + git);
            }
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
        synchronized void shown(RunEvent event) {
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
                out.printf("%s %-9s %s%s%s%s%n", at, f.outcome().name().toLowerCase(), f.node(),
                        from == null ? "" : " after " + Show.duration(Duration.between(from, f.at())),
                        f.git().map(g -> " [" + GitLines.of(g) + "]").orElse(""),
                        f.detail().isEmpty() ? "" : ": " + f.detail());
            } else if (event instanceof io.slotflow.event.BranchQueued q) {
                Instant from = started.get(q.node());
                out.printf("%s queued    %s%s [%d commit%s, %d file%s]: slot %d free, its branch waits to merge%n", at,
                        q.node(), from == null ? "" : " after " + Show.duration(Duration.between(from, q.at())),
                        q.commits(), q.commits() == 1 ? "" : "s", q.files().size(), q.files().size() == 1 ? "" : "s",
                        q.slot() + 1);
            } else if (event instanceof io.slotflow.event.DriftSeen d) {
                out.printf("%s drift     %s: %s moved to %s over %s (the session was told)%n", at, d.node(), d.target(),
                        d.tip().substring(0, Math.min(12, d.tip().length())), String.join(", ", d.files()));
            } else if (event instanceof NodeFailed f) {
                out.printf("%s FAILED    %s: %s%n", at, f.node(), f.reason());
            } else if (event instanceof io.slotflow.event.NodeCancelled c) {
                out.printf("%s CANCELLED %s: %s%n", at, c.node(), io.slotflow.state.CancelNotes.detail(c));
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
            String headline = headlineWithForecast(status, elapsed); // on every refresh: it notes when a node ended
            if (lastProgress == null || Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) >= 0) {
                if (lastProgress != null) {
                    String git = gitLine();
                    out.printf("%s progress  %s · %s%s%n", Show.clock(now), headline, queueLine(status),
                            git.isEmpty() ? "" : " · " + git);
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
