package io.slotflow.engine.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.slotflow.core.Action;
import io.slotflow.core.FollowUp;
import io.slotflow.core.Input;
import io.slotflow.core.Owner;
import io.slotflow.state.ReadyNode;
import io.slotflow.core.RunCore;
import io.slotflow.core.SessionKey;
import io.slotflow.core.Step;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.persistence.PersistenceIds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.slotflow.engine.ControlRefused;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One per run: owns the K slots and the ready queue. A thin shell around {@link RunCore}, which
 * decides everything: each message becomes one of the core's inputs, the events the core returns
 * are persisted (its slot board is this actor's event-sourced state), then its actions are carried
 * out — sessions started on their hosts, outcomes told to their owners, the supervisor told.
 * Every assignment is persisted before its session is started. A priority mailbox
 * ({@link SlotManagerMailbox}) serves control messages before ready nodes, by class rank.
 */
public final class SlotManager extends EventSourcedBehavior<SlotManager.Command, RunEvent, RunCore> {

    /** What the slot manager accepts. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    public interface Command extends ClusterMessage {
    }

    /** Nodes of one class rank became ready; the rank orders the message in the mailbox. */
    public record NodesReady(List<ReadyNode> nodes, int rank) implements Command {
        public NodesReady {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * An owner's first announcement after the run began is complete (sent after its ready nodes, and
     * ordered after them in the mailbox): the first decision waits for every owner's.
     */
    public record Announced(Owner owner) implements Command {
    }

    /** A session is running (from the session host). */
    public record SessionRunning(SessionKey session, long pid, Instant at, String hostId,
            Optional<io.slotflow.workspace.Worktree> worktree) implements Command {
        public SessionRunning {
            worktree = worktree == null ? Optional.empty() : worktree;
        }

        public SessionRunning(SessionKey session, long pid, Instant at, String hostId) {
            this(session, pid, at, hostId, Optional.empty());
        }
    }

    /** A session ended and its branch entered the merge queue: its slot is free, its outcome to come. */
    public record BranchQueued(SessionKey session, String branch, int commits, List<String> files, Instant at)
            implements Command {
        public BranchQueued {
            files = List.copyOf(files);
        }
    }

    /** A session's target branch moved over files it touches; it was told, and this journals it. */
    public record SessionDrifted(SessionKey session, io.slotflow.workspace.Drift drift, Instant at) implements Command {
    }

    /** A session ended (from the session host, again until acknowledged). */
    public record SessionEnded(SessionKey session, SessionOutcome outcome, Integer exitCode, String detail,
            Instant at, String hostId, Optional<io.slotflow.workspace.GitWork> git) implements Command {
        public SessionEnded {
            git = git == null ? Optional.empty() : git;
        }

        public SessionEnded(SessionKey session, SessionOutcome outcome, Integer exitCode, String detail, Instant at,
                String hostId) {
            this(session, outcome, exitCode, detail, at, hostId, Optional.empty());
        }
    }

    /** A session host's answer on start-up: what still runs there and what ended unacknowledged. */
    public record LiveSessions(String hostId, Set<SessionKey> running, List<SessionEnded> ended) implements Command {
        public LiveSessions {
            running = Set.copyOf(running);
            ended = List.copyOf(ended);
        }
    }

    /** Session hosts left and are fenced (their leases ran out): the sessions they ran are lost. */
    public record HostsGone(Set<String> hosts) implements Command {
        public HostsGone {
            hosts = Set.copyOf(hosts);
        }
    }

    /** An owner handled {@code followUp} (something the slot manager caused) and sent {@code opened} on. */
    public record Settled(FollowUp followUp, List<FollowUp> opened) implements Command {
        public Settled {
            opened = List.copyOf(opened);
        }
    }

    /**
     * Every spec has settled and every review is final (from the review injector); {@code specs}: how
     * many had settled, so that one sent before specs were added is known stale.
     */
    public record AllSettled(int specs) implements Command {
    }

    /** An operator adds specs (read from their document); replies once journaled, or with why not. */
    public record AddSpecs(String by, List<io.slotflow.plan.Spec> specs, ActorRef<StatusReply<Done>> replyTo)
            implements Command {
        public AddSpecs {
            specs = List.copyOf(specs);
        }
    }

    /**
     * Stop dispatching. With {@code cancelRunning} the running sessions are cancelled (recorded
     * CANCELLED); without, they may finish (a stop with a grace period), and a later interrupt
     * that cancels them ends it.
     */
    public record Interrupt(String reason, boolean cancelRunning, String by) implements Command {
        public Interrupt {
            by = by == null ? "" : by;
        }

        public Interrupt(String reason, boolean cancelRunning) {
            this(reason, cancelRunning, "");
        }
    }

    /**
     * An operator cancels one group. The reply comes from the node's spec actor once it journaled
     * {@code node-cancelled}, or is a refusal (here: the run not running, no such group; there: the
     * node already has its outcome).
     */
    public record CancelNode(String node, String by, String reason, ActorRef<StatusReply<Done>> replyTo)
            implements Command {
    }

    /** Start nothing new until {@link ResumeDispatch}; replies once journaled, or with why not. */
    public record Pause(String by, String reason, ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    /** Dispatch again after a {@link Pause}. */
    public record ResumeDispatch(String by, ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    /** Change K; a shrink stops no session. */
    public record Resize(int slots, String by, ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    /** What a work source's run came to (from its process, run outside this actor). */
    public record SourceOutput(String source, int run, io.slotflow.core.SourceVerdict verdict) implements Command {
    }

    /** Asks for the slots and the ready queue with its wait reasons. */
    public record GetStatus(ActorRef<SlotStatus> replyTo) implements Command {
    }

    private enum StartUp implements Command { INSTANCE }

    private enum Flush implements Command { INSTANCE }

    /** The key of the timer that wakes the slot manager when a category's cooldown ends. */
    private enum CooldownEnds { INSTANCE }

    private enum SettleTimeout implements Command { INSTANCE }

    /** The key of the timer that wakes the slot manager when a work source's retry wait ends. */
    private enum SourceRetry { INSTANCE }

    private final RunContext run;
    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;

    public static Behavior<Command> create(RunContext run) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new SlotManager(run, context, timers)));
    }

    private SlotManager(RunContext run, ActorContext<Command> context, TimerScheduler<Command> timers) {
        // no restart strategy here: it is started afresh by its parent (RunContext.startedAfresh)
        super(PersistenceIds.slotManager(run.runId()));
        this.run = run;
        this.context = context;
        this.timers = timers;
    }

    @Override
    public RunCore emptyState() {
        return new RunCore(run.runId(), run.graph(), run.planDigest());
    }

    @Override
    public Set<String> tagsFor(RunEvent event) {
        return Set.of(PersistenceIds.runTag(run.runId()));
    }

    @Override
    public SignalHandler<RunCore> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), core ->
                        run.directory().ready().thenRun(() -> context.getSelf().tell(StartUp.INSTANCE)))
                .build();
    }

    @Override
    public EventHandler<RunCore, RunEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent((core, event) -> {
            core.apply(event);
            return core;
        });
    }

    @Override
    public CommandHandler<Command, RunEvent, RunCore> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(StartUp.class, (core, c) ->
                        step(core, new Input.Start(run.directory().hosts().capacity().keySet(), run.retry())))
                .onCommand(LiveSessions.class, (core, c) -> step(core, new Input.LiveSessions(c.hostId(),
                        c.running(), c.ended().stream().map(SlotManager::input).toList())))
                .onCommand(HostsGone.class, (core, c) -> step(core, new Input.HostsGone(c.hosts())))
                .onCommand(NodesReady.class, (core, c) -> step(core, new Input.NodesReady(c.nodes())))
                .onCommand(Announced.class, (core, c) -> step(core, new Input.Announced(c.owner())))
                .onCommand(SessionRunning.class, (core, c) ->
                        step(core, new Input.SessionRunning(c.session(), c.pid(), c.at(), c.worktree())))
                .onCommand(SessionEnded.class, (core, c) -> step(core, input(c)))
                .onCommand(BranchQueued.class, (core, c) -> step(core,
                        new Input.BranchQueued(c.session(), c.branch(), c.commits(), c.files(), c.at())))
                .onCommand(SessionDrifted.class, (core, c) ->
                        step(core, new Input.SessionDrifted(c.session(), c.drift(), c.at())))
                .onCommand(Flush.class, (core, c) -> step(core, new Input.Flush(run.directory().hosts().capacity())))
                .onCommand(Settled.class, (core, c) -> step(core, new Input.Settled(c.followUp(), c.opened())))
                .onCommand(SettleTimeout.class, this::onSettleTimeout)
                .onCommand(AllSettled.class, (core, c) -> step(core, new Input.AllSettled(c.specs())))
                .onCommand(AddSpecs.class, (core, c) -> control(core, new Input.AddSpecs(c.by(), c.specs()), c.replyTo()))
                .onCommand(Interrupt.class, (core, c) ->
                        step(core, new Input.Interrupt(c.reason(), c.cancelRunning(), c.by())))
                .onCommand(CancelNode.class, this::onCancelNode)
                .onCommand(Pause.class, (core, c) -> control(core, new Input.Pause(c.by(), c.reason()), c.replyTo()))
                .onCommand(ResumeDispatch.class, (core, c) ->
                        control(core, new Input.ResumeDispatch(c.by()), c.replyTo()))
                .onCommand(Resize.class, (core, c) -> control(core, new Input.Resize(c.slots(), c.by()), c.replyTo()))
                .onCommand(SourceOutput.class, (core, c) ->
                        step(core, new Input.SourceOutput(c.source(), c.run(), c.verdict())))
                .onCommand(GetStatus.class, this::onGetStatus)
                .build();
    }

    private static Input.SessionEnded input(SessionEnded ended) {
        return new Input.SessionEnded(ended.session(), ended.outcome(), ended.exitCode(), ended.detail(), ended.at(),
                ended.hostId(), ended.git());
    }

    private Effect<RunEvent, RunCore> onSettleTimeout(RunCore core, SettleTimeout timeout) {
        context.getLog().warn("run {}: follow-ups of finished sessions not settled after {}; going on",
                run.runId(), run.settleTimeout());
        return step(core, Input.SettleTimedOut.INSTANCE);
    }

    private Effect<RunEvent, RunCore> onGetStatus(RunCore core, GetStatus get) {
        get.replyTo().tell(SlotStatus.of(core.board(), core.queue(), core.lastDecision().orElse(null),
                core.classes()));
        return Effect().none();
    }

    /** A control request: the caller hears once its event is journaled, or why it was refused. */
    private Effect<RunEvent, RunCore> control(RunCore core, Input.Control input, ActorRef<StatusReply<Done>> replyTo) {
        Step step = core.handle(input, run.clock().instant());
        Optional<Action.Rejected> rejected = step.actions().stream().filter(a -> a instanceof Action.Rejected)
                .map(a -> (Action.Rejected) a).findFirst();
        if (rejected.isPresent()) {
            replyTo.tell(StatusReply.error(new ControlRefused(rejected.get().kind(), rejected.get().reason())));
            return Effect().none();
        }
        return carryOut(step).thenReply(replyTo, state -> StatusReply.ack());
    }

    /** The core fences the node and cancels its session; its spec journals the cancel and answers. */
    private Effect<RunEvent, RunCore> onCancelNode(RunCore core, CancelNode c) {
        Step step = core.handle(new Input.CancelNode(c.node(), c.by(), c.reason()), run.clock().instant());
        for (Action action : step.actions()) {
            if (action instanceof Action.Rejected rejected) {
                c.replyTo().tell(StatusReply.error(new ControlRefused(rejected.kind(), rejected.reason())));
                return Effect().none();
            }
        }
        for (Action action : step.actions()) {
            if (action instanceof Action.CancelAtOwner at && at.owner() instanceof Owner.Spec spec) {
                run.directory().spec(spec.id(), new SpecActor.Cancel(at.node(), at.by(), at.reason(), c.replyTo()));
            } else {
                carryOut(action);
            }
        }
        return Effect().none(); // the core journals nothing for a cancel: the node's spec does
    }

    /** Hands the input to the core, persists the events it returns, then carries out its actions. */
    private Effect<RunEvent, RunCore> step(RunCore core, Input input) {
        return carryOut(core.handle(input, run.clock().instant()));
    }

    private org.apache.pekko.persistence.typed.javadsl.EffectBuilder<RunEvent, RunCore> carryOut(Step step) {
        if (step.events().isEmpty()) {
            step.actions().forEach(this::carryOut);
            return Effect().none();
        }
        return Effect().persist(step.events()).thenRun(state -> {
            run.listener().persisted(step.events());
            step.actions().forEach(this::carryOut);
        });
    }

    private void carryOut(Action action) {
        SessionHosts hosts = run.directory().hosts();
        if (action instanceof Action.StartSession start) {
            hosts.tell(start.host(), new SessionHost.StartSession(run.runId(), start.node(), start.attempt(),
                    run.graph().workClass(start.node().workClass()), run.planDirectory().toString(),
                    run.git().filter(g -> run.graph().plan().workspaceOf(start.node().workClass()).isGit()),
                    start.previous()));
        } else if (action instanceof Action.AckEnd ack) {
            hosts.tell(ack.host(), new SessionHost.Ack(run.runId(), ack.session().node(), ack.session().attempt()));
        } else if (action instanceof Action.ToOwner told) {
            tellOwner(told);
        } else if (action instanceof Action.Reopen reopen && reopen.owner() instanceof Owner.Spec spec) {
            run.directory().spec(spec.id(), new SpecActor.Reopen(reopen.round(), reopen.nodes()));
        } else if (action == Action.AskHosts.INSTANCE) {
            hosts.tellAll(new SessionHost.ListSessions(run.runId()));
        } else if (action instanceof Action.FenceHosts fence) {
            hosts.fence(fence.hosts(), context.getSelf()::tell);
        } else if (action instanceof Action.CancelSession cancel) {
            hosts.tell(cancel.host(), new SessionHost.CancelOne(run.runId(), cancel.session()));
        } else if (action == Action.CancelSessions.INSTANCE) {
            hosts.tellAll(new SessionHost.CancelAll(run.runId()));
        } else if (action == Action.FlushSoon.INSTANCE) {
            context.getSelf().tell(Flush.INSTANCE);
        } else if (action instanceof Action.WakeAt wake) {
            // a category's cooldown ends then: decide again (a later wake replaces an earlier one's timer)
            java.time.Duration in = java.time.Duration.between(run.clock().instant(), wake.at());
            timers.startSingleTimer(CooldownEnds.INSTANCE, Flush.INSTANCE, in.isNegative() ? java.time.Duration.ZERO : in);
        } else if (action instanceof Action.RunSource source) {
            // the process runs outside the actor, as sessions do; its verdict comes back as a command
            context.pipeToSelf(io.slotflow.engine.source.SourceProcess.run(run.runId(), source.source(), source.run(),
                    run.planDirectory()), (verdict, error) -> new SourceOutput(source.source().name(), source.run(),
                    error == null ? verdict : new io.slotflow.core.SourceVerdict.Failed(String.valueOf(error.getMessage()))));
        } else if (action instanceof Action.SpecsJoined joined) {
            if (!run.directory().join(joined.graph(), joined.specs())) {
                context.getLog().error("run {}: specs {} were added, but this deployment cannot start their actors",
                        run.runId(), joined.specs());
            }
        } else if (action instanceof Action.WakeSourcesAt wake) {
            java.time.Duration in = java.time.Duration.between(run.clock().instant(), wake.at());
            timers.startSingleTimer(SourceRetry.INSTANCE, Flush.INSTANCE, in.isNegative() ? java.time.Duration.ZERO : in);
        } else if (action == Action.ArmSettleTimer.INSTANCE) {
            timers.startSingleTimer(SettleTimeout.INSTANCE, run.settleTimeout());
        } else if (action == Action.DisarmSettleTimer.INSTANCE) {
            timers.cancel(SettleTimeout.INSTANCE);
        } else if (action instanceof Action.Begun begun) {
            run.directory().markBegun();
            run.supervisor().begun(begun.resumed());
        } else if (action == Action.Completed.INSTANCE) {
            run.supervisor().completed();
        } else if (action == Action.Interrupted.INSTANCE) {
            run.supervisor().interrupted();
        } else if (action instanceof Action.Refused refused) {
            run.supervisor().failed(refused.reason());
        }
    }

    private void tellOwner(Action.ToOwner told) {
        DecideOutcome decide = new DecideOutcome(told.outcome(), told.followUp());
        if (told.owner() instanceof Owner.Spec spec) {
            run.directory().spec(spec.id(), decide);
        } else {
            run.directory().injector(decide);
        }
    }
}
