package io.slotflow.engine.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunInterrupted;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.NodeKind;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.policy.Decision;
import io.slotflow.policy.ReadyNode;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.state.RunningSession;
import io.slotflow.state.SlotBoard;
import io.slotflow.state.SlotDecider;
import io.slotflow.state.WaitTracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One per run: owns the K slots and the ready queue, and decides, through the spec-graph policy,
 * which node runs next. Event-sourced ({@link SlotBoard} is its state), with a priority mailbox
 * ({@link SlotManagerMailbox}).
 *
 * <p>Inputs (ready nodes, sessions started and ended) are gathered and decided on together at the
 * next {@link Flush}: one decision and one journal write for everything that arrived meanwhile.
 * Every assignment is persisted before its session is started. The ready queue is not persisted:
 * after a restart it is announced again by the spec actors and the review injector, and the slot
 * manager answers a repeated announcement of a finished attempt with the outcome it recorded.
 */
public final class SlotManager extends EventSourcedBehavior<SlotManager.Command, RunEvent, SlotBoard> {

    /** What the slot manager accepts. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    public interface Command extends ClusterMessage {
    }

    /** Nodes of one class rank became ready; the rank orders the message in the mailbox. */
    public record NodesReady(List<ReadyNote> nodes, int rank) implements Command {
        public NodesReady {
            nodes = List.copyOf(nodes);
        }
    }

    /** A session is running (from the session host). */
    public record SessionStarted(String node, int attempt, long pid, Instant at, String hostId) implements Command {
    }

    /** A session ended (from the session host, again until acknowledged). */
    public record SessionEnded(String node, int attempt, SessionOutcome outcome, Integer exitCode, String detail,
            Instant at, String hostId) implements Command {
    }

    /** A session host's answer on start-up: what still runs there and what ended unacknowledged. */
    public record LiveSessions(String hostId, Set<String> running, List<SessionEnded> ended) implements Command {
        public LiveSessions {
            running = Set.copyOf(running);
            ended = List.copyOf(ended);
        }
    }

    /** Session hosts left (a cluster member was removed): the sessions they ran are lost. */
    public record HostsGone(Set<String> hosts) implements Command {
        public HostsGone {
            hosts = Set.copyOf(hosts);
        }
    }

    /**
     * An owner finished handling something the slot manager caused, and sent {@code followUps}
     * further messages whose receivers will settle in turn. While any is unsettled, more work may
     * still become ready, and lazy nodes wait.
     */
    public record Settled(int followUps) implements Command {
    }

    /** Every spec has settled and every review is final (from the review injector). */
    public enum AllSettled implements Command { INSTANCE }

    /**
     * Stop dispatching. With {@code cancelRunning} the running sessions are cancelled (recorded
     * CANCELLED); without, they may finish (a stop with a grace period), and a later interrupt
     * that cancels them ends it.
     */
    public record Interrupt(String reason, boolean cancelRunning) implements Command {
    }

    /** Asks for the slots and the ready queue with its wait reasons. */
    public record GetStatus(ActorRef<SlotStatus> replyTo) implements Command {
    }

    private enum StartUp implements Command { INSTANCE }

    private enum Flush implements Command { INSTANCE }

    private enum SettleTimeout implements Command { INSTANCE }

    private static final String LOST_DETAIL = "the engine stopped while it ran";
    private static final String HOST_GONE_DETAIL = "its host left the cluster";

    private final RunContext run;
    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final SlotDecider decider;
    private final ReadyQueue queue;
    private final WaitTracker waits = new WaitTracker();
    private final List<io.slotflow.event.SessionStarted> startedInputs = new ArrayList<>();
    private final Map<String, SessionFinished> finishedInputs = new LinkedHashMap<>();
    private boolean flushScheduled;
    private boolean begun;
    private boolean allSettled;
    private boolean interruptRequested;
    private int unsettled;
    private Decision lastDecision;
    /** On a resume: the hosts yet to say what runs on them, and what those that answered said. */
    private boolean hearingHosts;
    private final Set<String> hostsToHear = new java.util.HashSet<>();
    private final Set<String> liveRunning = new java.util.HashSet<>();
    private final Map<String, SessionEnded> liveEnded = new LinkedHashMap<>();

    public static Behavior<Command> create(RunContext run) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new SlotManager(run, context, timers)));
    }

    private SlotManager(RunContext run, ActorContext<Command> context, TimerScheduler<Command> timers) {
        super(PersistenceIds.slotManager(run.runId()),
                run.journalBackoff());
        this.run = run;
        this.context = context;
        this.timers = timers;
        this.decider = new SlotDecider(run.graph());
        this.queue = decider.newQueue();
    }

    @Override
    public SlotBoard emptyState() {
        return new SlotBoard(run.graph().slots());
    }

    @Override
    public Set<String> tagsFor(RunEvent event) {
        return Set.of(PersistenceIds.runTag(run.runId()));
    }

    @Override
    public SignalHandler<SlotBoard> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state ->
                        run.directory().ready().thenRun(() -> context.getSelf().tell(StartUp.INSTANCE)))
                .build();
    }

    @Override
    public EventHandler<SlotBoard, RunEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent((board, event) -> {
            board.apply(event);
            return board;
        });
    }

    @Override
    public CommandHandler<Command, RunEvent, SlotBoard> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(StartUp.class, (board, c) -> onStartUp(board))
                .onCommand(LiveSessions.class, this::onLiveSessions)
                .onCommand(HostsGone.class, this::onHostsGone)
                .onCommand(NodesReady.class, this::onNodesReady)
                .onCommand(SessionStarted.class, this::onSessionStarted)
                .onCommand(SessionEnded.class, this::onSessionEnded)
                .onCommand(Flush.class, (board, c) -> onFlush(board))
                .onCommand(Settled.class, this::onSettled)
                .onCommand(SettleTimeout.class, (board, c) -> onSettleTimeout())
                .onCommand(AllSettled.class, (board, c) -> onAllSettled())
                .onCommand(Interrupt.class, this::onInterrupt)
                .onCommand(GetStatus.class, this::onGetStatus)
                .build();
    }

    // ---- start-up --------------------------------------------------------------------------

    private Effect<RunEvent, SlotBoard> onStartUp(SlotBoard board) {
        if (board.plan().isEmpty()) {
            PlanAccepted accepted = new PlanAccepted(run.runId(), run.graph().plan(), run.planDigest(), now());
            return Effect().persist(accepted).thenRun(state -> {
                run.listener().persisted(List.of(accepted));
                begin(false);
            });
        }
        if (!board.plan().get().planDigest().equals(run.planDigest())) {
            run.supervisor().failed("run " + run.runId() + " was started from a different plan; "
                    + "give this plan another run id");
            return Effect().none();
        }
        // what ran before this start: every session host says what still runs on it
        hearingHosts = true;
        hostsToHear.addAll(run.directory().hosts().capacity().keySet());
        run.directory().hosts().tellAll(new SessionHost.ListSessions(run.runId()));
        return resumeOnceEveryHostAnswered(board);
    }

    private Effect<RunEvent, SlotBoard> onLiveSessions(SlotBoard board, LiveSessions live) {
        if (begun || !hostsToHear.remove(live.hostId())) {
            return Effect().none();
        }
        liveRunning.addAll(live.running());
        live.ended().forEach(e -> liveEnded.put(key(e.node(), e.attempt()), e));
        return resumeOnceEveryHostAnswered(board);
    }

    private Effect<RunEvent, SlotBoard> onHostsGone(SlotBoard board, HostsGone gone) {
        if (!begun) {
            hostsToHear.removeAll(gone.hosts());
            return hearingHosts ? resumeOnceEveryHostAnswered(board) : Effect().none();
        }
        for (RunningSession s : board.running()) {
            if (gone.hosts().contains(s.host())) {
                finishedInputs.putIfAbsent(s.node(), new SessionFinished(s.node(), s.attempt(), s.slot(),
                        SessionOutcome.LOST, null, HOST_GONE_DETAIL, now()));
                scheduleFlush();
            }
        }
        return Effect().none();
    }

    /** Resumes the run once every host said what runs on it: what none of them runs was lost. */
    private Effect<RunEvent, SlotBoard> resumeOnceEveryHostAnswered(SlotBoard board) {
        if (!hostsToHear.isEmpty()) {
            return Effect().none();
        }
        hearingHosts = false;
        Map<String, SessionEnded> ended = new LinkedHashMap<>(liveEnded);
        Set<String> stillRunning = Set.copyOf(liveRunning);
        liveEnded.clear();
        liveRunning.clear();
        List<RunEvent> events = new ArrayList<>();
        events.add(new RunResumed(now()));
        List<SessionFinished> finished = new ArrayList<>();
        for (RunningSession s : board.running()) {
            String key = key(s.node(), s.attempt());
            SessionEnded end = ended.get(key);
            // a report that arrived while the hosts were being asked is recorded here, once
            SessionFinished early = finishedInputs.remove(s.node());
            if (early != null) {
                finished.add(early);
            } else if (end != null) {
                finished.add(finishedEvent(s, end));
            } else if (!stillRunning.contains(key)) {
                finished.add(new SessionFinished(s.node(), s.attempt(), s.slot(), SessionOutcome.LOST, null,
                        LOST_DETAIL, now()));
            }
        }
        events.addAll(finished);
        Map<SessionFinished, String> hosts = hostsOf(board, finished);
        return Effect().persist(events).thenRun(state -> {
            run.listener().persisted(events);
            hosts.forEach(this::settleFinished);
            begin(true);
            if (state.isCompleted()) {
                run.supervisor().completed();
            }
        });
    }

    private void begin(boolean resumed) {
        begun = true;
        run.directory().markBegun();
        run.supervisor().begun(resumed);
        scheduleFlush();
    }

    // ---- inputs ----------------------------------------------------------------------------

    private Effect<RunEvent, SlotBoard> onNodesReady(SlotBoard board, NodesReady ready) {
        for (ReadyNote note : ready.nodes()) {
            String id = note.node().id();
            var running = board.runningNode(id);
            if (running.isPresent() && running.get().attempt() >= note.attempt()) {
                continue;
            }
            var last = board.lastFinished(id);
            if (last.isPresent() && last.get().attempt() >= note.attempt()) {
                // the owner missed the outcome (a restart): tell it again
                SessionFinished f = last.get();
                tellOwner(f.node(), f.attempt(), f.outcome(), f.detail(), false);
                continue;
            }
            ReadyNode queued = queue.get(id);
            if (queued != null) {
                if (queued.attempt() >= note.attempt()) {
                    continue;
                }
                queue.remove(id);
                waits.forget(id);
            }
            queue.add(decider.readyNode(note.node(), note.attempt(), note.readyAt(), queue.nextSequence()));
            waits.queued(id, note.readyAt().toEpochMilli());
        }
        scheduleFlush();
        return Effect().none();
    }

    private Effect<RunEvent, SlotBoard> onSessionStarted(SlotBoard board, SessionStarted started) {
        var running = board.runningNode(started.node());
        if (running.isPresent() && running.get().attempt() == started.attempt() && running.get().startedAt() == null) {
            startedInputs.add(new io.slotflow.event.SessionStarted(started.node(), started.attempt(),
                    running.get().slot(), started.pid(), started.at()));
            scheduleFlush();
        }
        return Effect().none();
    }

    private Effect<RunEvent, SlotBoard> onSessionEnded(SlotBoard board, SessionEnded ended) {
        var running = board.runningNode(ended.node());
        if (running.isPresent() && running.get().attempt() == ended.attempt()) {
            finishedInputs.putIfAbsent(ended.node(), finishedEvent(running.get(), ended));
            scheduleFlush();
        } else {
            // already recorded (a repeat after a restart): acknowledge again
            run.directory().hosts().tell(ended.hostId(), new SessionHost.Ack(run.runId(), ended.node(),
                    ended.attempt()));
        }
        return Effect().none();
    }

    private Effect<RunEvent, SlotBoard> onSettled(SlotBoard board, Settled settled) {
        unsettled = Math.max(0, unsettled + settled.followUps() - 1);
        if (unsettled == 0) {
            timers.cancel(SettleTimeout.INSTANCE);
            scheduleFlush();
        }
        return Effect().none();
    }

    private Effect<RunEvent, SlotBoard> onSettleTimeout() {
        context.getLog().warn("run {}: follow-ups of finished sessions not settled after {}; going on",
                run.runId(), run.settleTimeout());
        unsettled = 0;
        scheduleFlush();
        return Effect().none();
    }

    private Effect<RunEvent, SlotBoard> onAllSettled() {
        allSettled = true;
        scheduleFlush();
        return Effect().none();
    }

    private Effect<RunEvent, SlotBoard> onInterrupt(SlotBoard board, Interrupt interrupt) {
        interruptRequested = true;
        if (board.isCompleted() || !begun) {
            reportInterruptedWhenIdle(board);
            return Effect().none();
        }
        if (board.isInterrupted()) {
            // already stopped, its sessions let finish: this one may cancel them
            if (interrupt.cancelRunning()) {
                run.directory().hosts().tellAll(new SessionHost.CancelAll(run.runId()));
            }
            reportInterruptedWhenIdle(board);
            return Effect().none();
        }
        RunInterrupted event = new RunInterrupted(interrupt.reason(), now());
        return Effect().persist(event).thenRun(state -> {
            run.listener().persisted(List.of(event));
            if (interrupt.cancelRunning()) {
                run.directory().hosts().tellAll(new SessionHost.CancelAll(run.runId()));
            }
            reportInterruptedWhenIdle(state);
        });
    }

    private void reportInterruptedWhenIdle(SlotBoard board) {
        if (interruptRequested && board.runningCount() == 0 && finishedInputs.isEmpty()) {
            run.supervisor().interrupted();
        }
    }

    private Effect<RunEvent, SlotBoard> onGetStatus(SlotBoard board, GetStatus get) {
        get.replyTo().tell(SlotStatus.of(board, queue, lastDecision, decider.classes()));
        return Effect().none();
    }

    // ---- deciding --------------------------------------------------------------------------

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            context.getSelf().tell(Flush.INSTANCE);
        }
    }

    /** Records what arrived since the last flush and decides once for all of it. */
    private Effect<RunEvent, SlotBoard> onFlush(SlotBoard board) {
        flushScheduled = false;
        if (!begun) {
            return Effect().none();
        }
        // a start reported for a session whose end is already recorded (a resume) is stale
        startedInputs.removeIf(st -> board.runningNode(st.node()).filter(r -> r.attempt() == st.attempt()
                && r.startedAt() == null).isEmpty());
        List<RunEvent> events = new ArrayList<>(startedInputs);
        List<SessionFinished> finished = new ArrayList<>(finishedInputs.values());
        events.addAll(finished);
        startedInputs.clear();
        finishedInputs.clear();
        List<NodeDispatched> assignments = new ArrayList<>();
        Map<String, NodeDef> started = new LinkedHashMap<>();
        if (!board.isInterrupted() && !board.isCompleted() && !interruptRequested) {
            Set<String> finishing = new java.util.HashSet<>();
            finished.forEach(f -> finishing.add(f.node()));
            SlotDecider.Dispatch dispatch = decider.decide(board, queue, finishing, unsettled == 0, now(), waits,
                    run.directory().hosts().capacity());
            lastDecision = dispatch.decision();
            for (NodeDispatched assignment : dispatch.assignments()) {
                started.put(assignment.node(), queue.remove(assignment.node()).node());
                assignments.add(assignment);
            }
            events.addAll(assignments);
        }
        boolean completes = allSettled && !board.isCompleted() && events.isEmpty() && board.runningCount() == 0
                && queue.size() == 0;
        if (completes) {
            events.add(new RunCompleted(now()));
        }
        if (events.isEmpty()) {
            return Effect().none();
        }
        Map<SessionFinished, String> hosts = hostsOf(board, finished);
        return Effect().persist(events).thenRun(state -> {
            run.listener().persisted(events);
            started.forEach((node, def) -> {
                NodeDispatched assignment = assignmentOf(assignments, node);
                run.directory().hosts().tell(assignment.host(), new SessionHost.StartSession(run.runId(), def,
                        assignment.attempt(), run.graph().workClass(def.workClass()), run.planDirectory().toString()));
            });
            hosts.forEach(this::settleFinished);
            reportInterruptedWhenIdle(state);
            if (completes) {
                run.supervisor().completed();
            }
        });
    }

    private static NodeDispatched assignmentOf(List<NodeDispatched> assignments, String node) {
        return assignments.stream().filter(a -> a.node().equals(node)).findFirst().orElseThrow();
    }

    /** The host each finished session ran on, taken before the board forgets it. */
    private static Map<SessionFinished, String> hostsOf(SlotBoard board, List<SessionFinished> finished) {
        Map<SessionFinished, String> hosts = new LinkedHashMap<>();
        finished.forEach(f -> hosts.put(f, board.runningNode(f.node()).map(RunningSession::host)
                .orElse(NodeDispatched.LOCAL)));
        return hosts;
    }

    /** After a SessionFinished is persisted: acknowledge it to the host, tell the node's owner. */
    private void settleFinished(SessionFinished f, String hostId) {
        run.directory().hosts().tell(hostId, new SessionHost.Ack(run.runId(), f.node(), f.attempt()));
        tellOwner(f.node(), f.attempt(), f.outcome(), f.detail(), true);
    }

    private void tellOwner(String node, int attempt, SessionOutcome outcome, String detail, boolean credit) {
        if (NodeIds.kindOf(node) == NodeKind.GROUP) {
            run.directory().spec(NodeIds.specOf(node), new SpecActor.Outcome(node, attempt, outcome, detail, credit));
        } else {
            run.directory().injector(new ReviewInjector.Outcome(node, attempt, outcome, detail, credit));
        }
        if (credit) {
            unsettled++;
            timers.startSingleTimer(SettleTimeout.INSTANCE, run.settleTimeout());
        }
    }

    private static SessionFinished finishedEvent(RunningSession s, SessionEnded end) {
        return new SessionFinished(s.node(), s.attempt(), s.slot(), end.outcome(), end.exitCode(), end.detail(),
                end.at());
    }

    private static String key(String node, int attempt) {
        return node + "#" + attempt;
    }

    private Instant now() {
        return run.clock().instant();
    }
}
