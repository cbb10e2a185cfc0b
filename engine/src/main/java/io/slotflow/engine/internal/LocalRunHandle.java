package io.slotflow.engine.internal;

import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.RunStatus;
import io.slotflow.event.RunEvent;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.state.NodeView;
import io.slotflow.state.RunState;
import io.slotflow.state.WaitingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;

/**
 * The handle of a run in this process. It folds every persisted event into a {@link RunState}
 * (the same fold replay uses), hears the run's milestones, and completes the result.
 */
public final class LocalRunHandle implements RunHandle, RunListener, RunSupervisor {

    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);

    private final String runId;
    private RunState state;
    private final java.util.function.Supplier<List<RunEvent>> journal;
    private final Object lock = new Object();
    private final List<Consumer<RunEvent>> subscribers = new CopyOnWriteArrayList<>();
    /** Every event of the run this handle has, in the order subscribers get them: for subscribe from an offset. */
    private List<RunEvent> history;
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private volatile RunStatus.Phase phase = RunStatus.Phase.STARTING;
    private volatile ActorRef<RunGuardian.Command> guardian;
    private volatile ActorSystem<?> system;
    private volatile java.util.function.BiConsumer<String, Boolean> remoteInterrupt;
    private volatile java.nio.file.Path planDirectory;
    private final Object askLock = new Object();
    /** The status question on its way to the slot manager, if one is (see {@link #sharedAsk}). */
    private CompletableFuture<SlotStatus> asking;

    /**
     * @param past the run's events already in the journal (empty for a new run)
     * @param journal reads the run's events again, should this handle miss one (see {@link #persisted})
     */
    public LocalRunHandle(String runId, List<RunEvent> past, java.util.function.Supplier<List<RunEvent>> journal) {
        this.runId = runId;
        this.state = RunState.fold(past);
        this.history = new ArrayList<>(past);
        this.journal = journal;
    }

    public void attach(ActorRef<RunGuardian.Command> guardianRef, ActorSystem<?> actorSystem) {
        this.system = actorSystem;
        this.guardian = guardianRef;
    }

    /** @param directory what relative workdirs of added specs resolve against (the plan's directory) */
    public void attach(ActorRef<RunGuardian.Command> guardianRef, ActorSystem<?> actorSystem,
            java.nio.file.Path directory) {
        this.planDirectory = directory;
        attach(guardianRef, actorSystem);
    }

    /** For a run on a cluster, followed from the journal: an interrupt goes through {@code interrupt} (reason, cancel running). */
    public void attachRemote(java.util.function.BiConsumer<String, Boolean> interrupt) {
        this.remoteInterrupt = interrupt;
    }

    @Override
    public String runId() {
        return runId;
    }

    // ---- listener and supervisor (called by the run's actors) --------------------------------

    @Override
    public void persisted(List<RunEvent> events) {
        synchronized (lock) {
            boolean refolded = false;
            for (RunEvent event : events) {
                if (!refolded) {
                    try {
                        state.apply(event);
                    } catch (IllegalStateException missed) {
                        // a write whose acknowledgement was lost (it timed out) committed all the same,
                        // and its actor, started afresh, went on from it: this handle was never told of
                        // it. The journal holds it, and these events too: fold the journal again. Rare
                        // (a real outage), so reading it here, on the writer's thread, is acceptable.
                        List<RunEvent> all = journal.get();
                        state = RunState.fold(all);
                        history = new ArrayList<>(all); // the missed event, in journal order; these follow it
                        refolded = true;
                    }
                    if (!refolded) {
                        history.add(event);
                    }
                }
                for (Consumer<RunEvent> subscriber : subscribers) {
                    subscriber.accept(event);
                }
            }
        }
    }

    @Override
    public void begun(boolean resumed) {
        phase = RunStatus.Phase.RUNNING;
    }

    @Override
    public void completed() {
        finish(RunStatus.Phase.COMPLETED, null);
    }

    @Override
    public void interrupted() {
        finish(RunStatus.Phase.INTERRUPTED, null);
    }

    @Override
    public void failed(String reason) {
        finish(RunStatus.Phase.FAILED, reason);
    }

    /**
     * The disk holding the state directory is full: stop the run (its sessions are killed) and fail
     * the result with {@code full}, since nothing more can be recorded.
     */
    public void diskFull(io.slotflow.engine.DiskFullException full) {
        synchronized (lock) {
            if (result.isDone()) {
                return;
            }
            phase = RunStatus.Phase.FAILED;
        }
        ActorRef<RunGuardian.Command> g = guardian;
        if (g != null) {
            g.tell(RunGuardian.Stop.INSTANCE);
        }
        result.completeExceptionally(full);
    }

    /** Completes the result from the journal alone: the run had already completed. */
    public void completedBefore() {
        finish(RunStatus.Phase.COMPLETED, null);
    }

    private void finish(RunStatus.Phase end, String reason) {
        RunResult outcome;
        synchronized (lock) {
            if (result.isDone()) {
                return;
            }
            phase = end;
            List<NodeView> failed = failedNodes();
            RunResult.Outcome how = switch (end) {
                case COMPLETED -> failed.isEmpty() ? RunResult.Outcome.SUCCEEDED : RunResult.Outcome.FAILED;
                case INTERRUPTED -> RunResult.Outcome.INTERRUPTED;
                default -> RunResult.Outcome.ABORTED;
            };
            outcome = new RunResult(runId, how, state.counts(), failed, reason == null ? "" : reason);
        }
        ActorRef<RunGuardian.Command> g = guardian;
        if (g != null) {
            g.tell(RunGuardian.Stop.INSTANCE);
        }
        result.complete(outcome);
    }

    private List<NodeView> failedNodes() {
        List<NodeView> failed = new ArrayList<>(state.nodesIn(NodeLifecycle.State.FAILED));
        failed.addAll(state.nodesIn(NodeLifecycle.State.BLOCKED));
        failed.addAll(state.nodesIn(NodeLifecycle.State.CANCELLED));
        return failed;
    }

    // ---- the public handle -------------------------------------------------------------------

    @Override
    public RunStatus status() {
        return statusOf(askSlots());
    }

    @Override
    public CompletionStage<RunStatus> statusAsync() {
        ActorRef<RunGuardian.Command> g = guardian;
        if (g == null || result.isDone()) {
            return CompletableFuture.completedFuture(statusOf(null));
        }
        return sharedAsk(g).handle((slots, e) -> statusOf(e == null ? slots : null));
    }

    /**
     * One question to the slot manager at a time, whatever the number of callers: those who ask while
     * it is on its way share its answer (given after they asked, or at most one round trip before).
     * Two hundred API clients polling a run then cost its slot manager one status at a time, not two
     * hundred queued before its next dispatch.
     */
    private CompletableFuture<SlotStatus> sharedAsk(ActorRef<RunGuardian.Command> g) {
        synchronized (askLock) {
            if (asking != null) {
                return asking;
            }
            CompletableFuture<SlotStatus> ask = AskPattern.<RunGuardian.Command, SlotStatus>ask(g,
                    replyTo -> new RunGuardian.ToSlotManager(new SlotManager.GetStatus(replyTo)),
                    STATUS_TIMEOUT, system.scheduler()).toCompletableFuture();
            asking = ask;
            ask.whenComplete((slots, e) -> {
                synchronized (askLock) {
                    if (asking == ask) {
                        asking = null;
                    }
                }
            });
            return ask;
        }
    }

    /** The run now, with the slot manager's answer (null: none came, the run shows no waiting nodes). */
    private RunStatus statusOf(SlotStatus slots) {
        synchronized (lock) {
            List<WaitingNode> waiting = slots == null ? List.of() : slots.waiting();
            boolean accepted = state.graph() != null;
            return new RunStatus(runId, phase, accepted ? state.slots().slotCount() : 0,
                    accepted && state.slots().isPaused(), state.running(),
                    waiting, slots == null ? Map.of() : slots.waitingByClass(), state.counts(), failedNodes(),
                    accepted ? state.sourceProblemLines() : List.of());
        }
    }

    private SlotStatus askSlots() {
        ActorRef<RunGuardian.Command> g = guardian;
        if (g == null || result.isDone()) {
            return null;
        }
        try {
            return AskPattern.<RunGuardian.Command, SlotStatus>ask(g,
                    replyTo -> new RunGuardian.ToSlotManager(new SlotManager.GetStatus(replyTo)),
                    STATUS_TIMEOUT, system.scheduler()).toCompletableFuture().get();
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public java.util.Optional<NodeView> node(String nodeId) {
        synchronized (lock) {
            return state.node(nodeId);
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<RunEvent> listener) {
        subscribers.add(listener);
        return () -> subscribers.remove(listener);
    }

    @Override
    public AutoCloseable subscribe(long offset, Consumer<RunEvent> listener) {
        if (offset < 0) {
            throw new IllegalArgumentException("an offset counts events from 0, got " + offset);
        }
        // under the lock persisted() delivers under: no event is persisted between the past and the live ones
        synchronized (lock) {
            for (long i = offset; i < history.size(); i++) {
                listener.accept(history.get((int) i));
            }
            Consumer<RunEvent> live = listener;
            if (offset > history.size()) {
                long[] skip = {offset - history.size()};
                live = event -> {
                    if (skip[0] > 0) {
                        skip[0]--;
                    } else {
                        listener.accept(event);
                    }
                };
            }
            Consumer<RunEvent> subscribed = live;
            subscribers.add(subscribed);
            return () -> subscribers.remove(subscribed);
        }
    }

    @Override
    public CompletionStage<RunResult> result() {
        return result;
    }

    @Override
    public void interrupt(String reason) {
        stopDispatching(reason, true, "");
    }

    @Override
    public void drain(String reason) {
        stopDispatching(reason, false, "");
    }

    @Override
    public void interrupt(String reason, String by) {
        stopDispatching(reason, true, by);
    }

    @Override
    public void drain(String reason, String by) {
        stopDispatching(reason, false, by);
    }

    @Override
    public CompletionStage<Void> pause(String by, String reason) {
        return control(replyTo -> new SlotManager.Pause(by, reason, replyTo));
    }

    @Override
    public CompletionStage<Void> resumeDispatch(String by) {
        return control(replyTo -> new SlotManager.ResumeDispatch(by, replyTo));
    }

    @Override
    public CompletionStage<Void> resize(int slots, String by) {
        return control(replyTo -> new SlotManager.Resize(slots, by, replyTo));
    }

    @Override
    public CompletionStage<Void> cancelNode(String node, String by, String reason) {
        if (guardian == null && remoteInterrupt != null) {
            // a run on a cluster: its slot manager is a singleton elsewhere, not reachable from this handle
            return CompletableFuture.failedFuture(new io.slotflow.engine.ControlRefused(
                    io.slotflow.core.Rejection.NOT_RUNNING, "run " + runId + " runs on a cluster, where one node "
                    + "cannot be cancelled yet; cancel the whole run instead"));
        }
        synchronized (lock) {
            if (state.graph() != null) {
                java.util.Optional<NodeView> known = state.node(node);
                if (known.isEmpty()) {
                    return CompletableFuture.failedFuture(new io.slotflow.engine.ControlRefused(
                            io.slotflow.core.Rejection.UNKNOWN, "run " + runId + " has no node '" + node + "'"));
                }
                if (known.get().state().isFinal()) {
                    return CompletableFuture.failedFuture(new io.slotflow.engine.ControlRefused(
                            io.slotflow.core.Rejection.NODE_CONFLICT, "node " + node + " already has its outcome ("
                            + known.get().state().name().toLowerCase(java.util.Locale.ROOT) + "); nothing was cancelled"));
                }
            }
        }
        return control(replyTo -> new SlotManager.CancelNode(node, by, reason, replyTo));
    }

    @Override
    public CompletionStage<List<String>> addSpecs(String text, String source, String by) {
        io.slotflow.plan.Plan now;
        synchronized (lock) {
            if (state.graph() == null) {
                return CompletableFuture.failedFuture(new io.slotflow.engine.ControlRefused(
                        io.slotflow.core.Rejection.NOT_RUNNING, "run " + runId + " has not started yet"));
            }
            now = state.graph().plan();
        }
        List<io.slotflow.plan.Spec> specs;
        try {
            specs = io.slotflow.plan.PlanParser.addition(now, text, source, planDirectory);
        } catch (io.slotflow.plan.InvalidPlanException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        List<String> ids = specs.stream().map(io.slotflow.plan.Spec::id).toList();
        return control(replyTo -> new SlotManager.AddSpecs(by, specs, replyTo)).thenApply(done -> ids);
    }

    private CompletionStage<Void> control(
            java.util.function.Function<ActorRef<StatusReply<Done>>, SlotManager.Command> request) {
        ActorRef<RunGuardian.Command> g = guardian;
        if (g == null || result.isDone()) {
            return CompletableFuture.failedFuture(new io.slotflow.engine.ControlRefused(
                    io.slotflow.core.Rejection.NOT_RUNNING, "run " + runId + " has "
                    + (result.isDone() ? "ended (" + phase.name().toLowerCase(java.util.Locale.ROOT) + ")"
                            : "not started yet")));
        }
        return AskPattern.<RunGuardian.Command, Done>askWithStatus(g,
                replyTo -> new RunGuardian.ToSlotManager(request.apply(replyTo)), CONTROL_TIMEOUT, system.scheduler())
                .handle((done, e) -> {
                    if (e == null) {
                        return null;
                    }
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e;
                    if (cause instanceof io.slotflow.engine.ControlRefused refused) {
                        throw refused;
                    }
                    throw new java.util.concurrent.CompletionException(cause);
                });
    }

    private void stopDispatching(String reason, boolean cancelRunning, String by) {
        ActorRef<RunGuardian.Command> g = guardian;
        if (g != null && !result.isDone()) {
            phase = RunStatus.Phase.INTERRUPTING;
            g.tell(new RunGuardian.ToSlotManager(new SlotManager.Interrupt(reason, cancelRunning, by)));
        } else if (remoteInterrupt != null && !result.isDone()) {
            phase = RunStatus.Phase.INTERRUPTING;
            remoteInterrupt.accept(reason, cancelRunning);
        }
    }

    /** A consistent copy of the folded state's view, for tests and tools in this process. */
    public <T> T read(java.util.function.Function<RunState, T> reader) {
        synchronized (lock) {
            return reader.apply(state);
        }
    }
}
