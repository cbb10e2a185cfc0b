package io.slotflow.core;

import io.slotflow.event.DispatchPaused;
import io.slotflow.event.DispatchResumed;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunInterrupted;
import io.slotflow.event.RunResumed;
import io.slotflow.event.RunRetried;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SlotsResized;
import io.slotflow.graph.PlanGraph;
import io.slotflow.policy.ClassTable;
import io.slotflow.policy.Decision;
import io.slotflow.policy.QueuedNode;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.state.CategoryClock;
import io.slotflow.state.NodeOutcome;
import io.slotflow.state.ReadyNode;
import io.slotflow.state.RunningSession;
import io.slotflow.state.SlotBoard;
import io.slotflow.state.SlotDecider;
import io.slotflow.state.WaitTracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a run's slot manager decides, as one step function: {@link #handle} takes an input and
 * the time and returns the events to persist and the actions to take after persisting; {@link #apply}
 * folds a persisted event. The slot manager actor and the simulator both drive it, so a simulation
 * runs the engine's own rules.
 *
 * <p>What it decides: accepting the plan or resuming (a resume waits to hear from every session host,
 * and records LOST what none of them runs); de-duplicating repeated reports by attempt; gathering
 * inputs and deciding once per flush; routing each outcome to its owner, with a {@link FollowUp} the
 * owner settles, so that the run is quiet when none is open; completion; interruption; the
 * operator's controls (pause, resume, resize), each journaled with who asked, or refused whole.
 *
 * <p>Only the {@link SlotBoard} is event-sourced; the ready queue and the rest are rebuilt after a
 * restart from the owners' announcements and the hosts' answers. Mutable, owned by one actor.
 */
public final class RunCore {

    private static final String LOST_DETAIL = "the engine stopped while it ran";
    private static final String LOST_IN_QUEUE_DETAIL = "the engine stopped while its branch waited in the merge queue";
    private static final String HOST_GONE_DETAIL = "its host left the cluster and was fenced";

    private final String runId;
    private PlanGraph graph;
    private final String planDigest;
    private final SlotDecider decider;
    private final SlotBoard board;
    private final ReadyQueue queue;
    private final WaitTracker waits = new WaitTracker();
    private final WaitRecord waitRecord = new WaitRecord();
    private final CategoryClock categoryClock;
    private final io.slotflow.state.WorkSources sources;
    /** The specs journaled as added to the live run, in order (their owners start on every begin). */
    private final List<String> addedSpecs = new ArrayList<>();
    private final List<io.slotflow.event.SessionStarted> startedInputs = new ArrayList<>();
    private final Map<String, Finish> finishedInputs = new LinkedHashMap<>();
    private final FollowUps followUps = new FollowUps();
    private final HostHearing hearing = new HostHearing();
    /** Owners whose first announcement is awaited before the first decision, and those already heard. */
    private final Set<Owner> awaited = new HashSet<>();
    private final Set<Owner> announced = new HashSet<>();
    private boolean flushWanted;
    private boolean begun;
    private boolean allSettled;
    private boolean interruptRequested;
    /**
     * Nodes an operator cancelled: never queued nor dispatched again by this core, so that nothing
     * starts between the cancel asked here and the owner journaling it. Not journaled: the owner's
     * {@code node-cancelled} is what survives a restart (the owner then announces the node no more).
     */
    private final Set<String> withheld = new HashSet<>();
    private Decision lastDecision;

    /** A session end to record, and the host to acknowledge it to. */
    private record Finish(SessionFinished event, String host) {
    }

    public RunCore(String runId, PlanGraph graph, String planDigest, SlotDecider decider) {
        this.runId = runId;
        this.graph = graph;
        this.planDigest = planDigest;
        this.decider = decider;
        this.board = new SlotBoard(graph.slots());
        this.categoryClock = new CategoryClock(graph);
        this.sources = new io.slotflow.state.WorkSources(graph.plan().sources());
        this.queue = decider.newQueue();
    }

    /** Dispatches as the plan asks. */
    public RunCore(String runId, PlanGraph graph, String planDigest) {
        this(runId, graph, planDigest, new SlotDecider(graph));
    }

    // ---- views ------------------------------------------------------------------------------

    public SlotBoard board() {
        return board;
    }

    public ReadyQueue queue() {
        return queue;
    }

    /** The last decision taken, if any (for the wait reasons of a status). */
    public Optional<Decision> lastDecision() {
        return Optional.ofNullable(lastDecision);
    }

    public ClassTable classes() {
        return decider.classes();
    }

    /** Where each work source stands (for a status). */
    public io.slotflow.state.WorkSources sources() {
        return sources;
    }

    /** The run's graph, with the specs added while it ran. */
    public PlanGraph graph() {
        return graph;
    }

    /** No follow-up of a finished session is open. */
    public boolean isQuiet() {
        return followUps.isQuiet();
    }

    // ---- folding ----------------------------------------------------------------------------

    /** Folds a persisted event (pure; events of other actors are ignored). */
    public void apply(RunEvent event) {
        board.apply(event);
        categoryClock.apply(event);
        sources.apply(event);
        if (event instanceof io.slotflow.event.SpecsAdded added) {
            graph = PlanGraph.of(graph.plan().withAddedSpecs(added.specs()));
            decider.graphGrew(graph);
            categoryClock.graphGrew(graph);
            added.specs().forEach(spec -> addedSpecs.add(spec.id()));
            allSettled = false; // the review injector tells again once the added specs settle too
        }
    }

    // ---- deciding ---------------------------------------------------------------------------

    /** Handles one input at {@code now}. */
    public Step handle(Input input, Instant now) {
        if (input instanceof Input.Start start) {
            return start(start, now);
        } else if (input instanceof Input.NodesReady ready) {
            return nodesReady(ready);
        } else if (input instanceof Input.SessionRunning started) {
            return sessionStarted(started);
        } else if (input instanceof Input.SessionEnded ended) {
            return sessionEnded(ended);
        } else if (input instanceof Input.SessionDrifted drifted) {
            return sessionDrifted(drifted);
        } else if (input instanceof Input.BranchQueued queued) {
            return branchQueued(queued);
        } else if (input instanceof Input.LiveSessions live) {
            return hearing.hear(live) ? resumeOnceEveryHostAnswered(now) : Step.NOTHING;
        } else if (input instanceof Input.HostsGone gone) {
            return hostsGone(gone, now);
        } else if (input instanceof Input.Settled settled) {
            followUps.settle(settled.followUp(), settled.opened());
            return followUps.isQuiet() ? flushing(nothingAwaited()) : Step.NOTHING;
        } else if (input == Input.SettleTimedOut.INSTANCE) {
            followUps.clear();
            awaited.clear();
            return flushing();
        } else if (input instanceof Input.AllSettled settled) {
            if (settled.specs() < graph.specIds().size()) {
                return Step.NOTHING; // counted before specs were added: the injector tells again once they settle
            }
            allSettled = true;
            return flushing();
        } else if (input instanceof Input.Control control) {
            return control(control, now);
        } else if (input instanceof Input.Interrupt interrupt) {
            return interrupt(interrupt, now);
        } else if (input instanceof Input.Flush flush) {
            return flush(flush, now);
        } else if (input instanceof Input.SourceOutput output) {
            return SourceOutcomes.decide(output, graph.plan(), sources, now)
                    .map(events -> new Step(events, sourceActions(events)))
                    .orElse(Step.NOTHING);
        } else if (input instanceof Input.Announced a) {
            announced.add(a.owner());
            return awaited.remove(a.owner()) && awaited.isEmpty() ? flushing(nothingAwaited()) : Step.NOTHING;
        }
        throw new IllegalArgumentException("unknown input " + input);
    }

    private Step start(Input.Start start, Instant now) {
        if (board.plan().isEmpty()) {
            PlanAccepted accepted = new PlanAccepted(runId, graph.plan(), planDigest, now);
            List<Action> actions = new ArrayList<>();
            begin(false, actions);
            return new Step(List.of(accepted), actions);
        }
        if (!board.plan().get().startedFrom(planDigest)) {
            return Step.act(List.of(new Action.Refused("run " + runId + " was started from a different plan; "
                    + "give this plan another run id")));
        }
        // a round the board already has is a retry under way: this start resumes it
        Optional<RunRetried> retried = start.retry()
                .filter(r -> r.round() > board.lastRetry().map(RunRetried::round).orElse(0))
                .map(r -> new RunRetried(r.round(), r.nodes(), now));
        if (retried.isPresent() && !board.isCompleted()) {
            return Step.act(List.of(new Action.Refused("run " + runId + " has not finished: resume it instead of "
                    + "retrying it")));
        }
        // what ran before this start: every session host says what still runs on it
        hearing.begin(start.hosts());
        Step resumed = resumeOnceEveryHostAnswered(now, retried);
        List<RunEvent> events = new ArrayList<>();
        retried.ifPresent(events::add);
        events.addAll(resumed.events());
        List<Action> actions = new ArrayList<>(List.of(Action.AskHosts.INSTANCE));
        actions.addAll(resumed.actions());
        return new Step(events, actions);
    }

    /** Resumes the run once every host said what runs on it: what none of them runs was lost. */
    private Step resumeOnceEveryHostAnswered(Instant now) {
        return resumeOnceEveryHostAnswered(now, Optional.empty());
    }

    /** @param retried a retry decided in this very step (not yet on the board) */
    private Step resumeOnceEveryHostAnswered(Instant now, Optional<RunRetried> retried) {
        if (!hearing.everyHostAnswered()) {
            return Step.NOTHING;
        }
        List<RunEvent> events = new ArrayList<>();
        events.add(new RunResumed(now));
        List<Finish> finished = new ArrayList<>();
        Set<String> unheard = new HashSet<>();
        for (RunningSession s : board.running()) {
            SessionKey key = new SessionKey(s.node(), s.attempt());
            // a report that arrived while the hosts were being asked is recorded here, once
            Finish early = finishedInputs.remove(s.node());
            Optional<Input.SessionEnded> end = hearing.endOf(key);
            if (early != null) {
                finished.add(early);
            } else if (end.isPresent()) {
                finished.add(new Finish(finishedEvent(s, end.get()), s.host()));
            } else if (!hearing.knows(s.host())) {
                unheard.add(s.host()); // its host may still run it: lost only once the host is fenced
            } else if (!hearing.stillRuns(key)) {
                finished.add(new Finish(new SessionFinished(s.node(), s.attempt(), s.slot(), SessionOutcome.LOST,
                        null, LOST_DETAIL, now), s.host()));
            }
        }
        for (RunningSession s : board.merging()) {
            SessionKey key = new SessionKey(s.node(), s.attempt());
            Finish early = finishedInputs.remove(s.node());
            Optional<Input.SessionEnded> end = hearing.endOf(key);
            if (early != null) {
                finished.add(early);
            } else if (end.isPresent()) {
                finished.add(new Finish(finishedEvent(s, end.get()), s.host()));
            } else if (hearing.knows(s.host()) && !hearing.stillRuns(key)) {
                // nothing merges its branch now: the next attempt takes the branch back into the queue
                // from its queued mark, without running the session again
                finished.add(new Finish(new SessionFinished(s.node(), s.attempt(), s.slot(), SessionOutcome.LOST,
                        null, LOST_IN_QUEUE_DETAIL, now), s.host()));
            }
        }
        hearing.finish();
        List<RunEvent> lostSourceRuns = SourceOutcomes.lostRuns(graph.plan(), sources, now);
        events.addAll(lostSourceRuns);
        List<Action> actions = new ArrayList<>();
        lostSourceRuns.forEach(e -> ((io.slotflow.event.SourceFailed) e).retryAt()
                .ifPresent(at -> actions.add(new Action.WakeSourcesAt(at))));
        if (!unheard.isEmpty()) {
            actions.add(new Action.FenceHosts(unheard));
        }
        finished.forEach(f -> {
            events.add(f.event());
            settleFinished(f, actions);
        });
        reopen(retried.or(board::lastRetry), actions);
        begin(true, actions);
        if (board.isCompleted() && retried.isEmpty()) {
            actions.add(Action.Completed.INSTANCE);
        }
        return new Step(events, actions);
    }

    /**
     * The owners take up the run's latest retry before they start (again after every restart: each
     * owner takes a round up once).
     */
    private static void reopen(Optional<RunRetried> retry, List<Action> actions) {
        retry.ifPresent(r -> {
            Map<Owner, List<String>> byOwner = new LinkedHashMap<>();
            r.nodes().forEach(n -> byOwner.computeIfAbsent(Owner.of(n), o -> new ArrayList<>()).add(n));
            byOwner.forEach((owner, nodes) -> actions.add(new Action.Reopen(owner, r.round(), nodes)));
        });
    }

    /**
     * The run begins (or resumes): the owners start and announce what is ready. The first decision
     * waits for every owner's first announcement, so that the slots go by rank, not by who spoke first.
     */
    private void begin(boolean resumed, List<Action> actions) {
        begun = true;
        if (!addedSpecs.isEmpty()) {
            actions.add(new Action.SpecsJoined(graph, addedSpecs));
        }
        graph.specIds().forEach(spec -> awaited.add(new Owner.Spec(spec)));
        awaited.add(Owner.Injector.INSTANCE);
        awaited.removeAll(announced);
        actions.add(new Action.Begun(resumed));
        if (!awaited.isEmpty()) {
            actions.add(Action.ArmSettleTimer.INSTANCE);
        }
        requestFlush(actions);
    }

    private Step hostsGone(Input.HostsGone gone, Instant now) {
        if (!begun) {
            hearing.gone(gone.hosts());
            return resumeOnceEveryHostAnswered(now);
        }
        boolean any = false;
        for (RunningSession s : board.running()) {
            if (gone.hosts().contains(s.host())) {
                finishedInputs.putIfAbsent(s.node(), new Finish(new SessionFinished(s.node(), s.attempt(), s.slot(),
                        SessionOutcome.LOST, null, HOST_GONE_DETAIL, now), s.host()));
                any = true;
            }
        }
        return any ? flushing() : Step.NOTHING;
    }

    private Step nodesReady(Input.NodesReady ready) {
        List<Action> actions = new ArrayList<>();
        for (ReadyNode note : ready.nodes()) {
            String id = note.node().id();
            if (withheld.contains(id)) {
                continue;
            }
            var running = board.runningNode(id).or(() -> board.mergingNode(id));
            if (running.isPresent() && running.get().attempt() >= note.attempt()) {
                continue;
            }
            var last = board.lastFinished(id);
            if (last.isPresent() && last.get().attempt() >= note.attempt()) {
                // the owner missed the outcome (a restart): tell it again
                SessionFinished f = last.get();
                actions.add(new Action.ToOwner(Owner.of(f.node()),
                        new NodeOutcome(f.node(), f.attempt(), f.outcome(), f.detail()), Optional.empty()));
                continue;
            }
            QueuedNode queued = queue.get(id);
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
        requestFlush(actions);
        return Step.act(actions);
    }

    private Step sessionStarted(Input.SessionRunning started) {
        var running = board.runningNode(started.session().node());
        if (running.isPresent() && running.get().attempt() == started.session().attempt()
                && running.get().startedAt() == null) {
            startedInputs.add(new io.slotflow.event.SessionStarted(started.session().node(),
                    started.session().attempt(), running.get().slot(), started.pid(), started.at(),
                    started.worktree()));
            return flushing();
        }
        return Step.NOTHING;
    }

    /** Drift is journaled for the attempt that runs, once its start is (a late or repeated report is dropped). */
    private Step sessionDrifted(Input.SessionDrifted drifted) {
        var running = board.runningNode(drifted.session().node());
        if (running.isEmpty() || running.get().attempt() != drifted.session().attempt()
                || running.get().startedAt() == null || drifted.drift().files().isEmpty()) {
            return Step.NOTHING;
        }
        var d = drifted.drift();
        return new Step(List.of(new io.slotflow.event.DriftSeen(drifted.session().node(),
                drifted.session().attempt(), d.target(), d.base(), d.tip(), d.files(), drifted.at())), List.of());
    }

    private Step sessionEnded(Input.SessionEnded ended) {
        var running = board.runningNode(ended.session().node()).or(() -> board.mergingNode(ended.session().node()));
        if (running.isPresent() && running.get().attempt() == ended.session().attempt()) {
            finishedInputs.putIfAbsent(ended.session().node(),
                    new Finish(finishedEvent(running.get(), ended), running.get().host()));
            return flushing();
        }
        // already recorded (a repeat after a restart): acknowledge again
        return Step.act(List.of(new Action.AckEnd(ended.host(), ended.session())));
    }

    /**
     * A branch entered the merge queue: journaled at once (with the session's start, if that is still
     * to be written), so that the next decision sees the slot free and the footprint held.
     */
    private Step branchQueued(Input.BranchQueued queued) {
        SessionKey key = queued.session();
        var running = board.runningNode(key.node());
        if (running.isEmpty() || running.get().attempt() != key.attempt() || finishedInputs.containsKey(key.node())) {
            return Step.NOTHING; // already ended, or a late report
        }
        List<RunEvent> events = new ArrayList<>();
        startedInputs.removeIf(st -> {
            if (st.node().equals(key.node()) && st.attempt() == key.attempt()) {
                events.add(st);
                return true;
            }
            return false;
        });
        events.add(new io.slotflow.event.BranchQueued(key.node(), key.attempt(), running.get().slot(),
                queued.branch(), queued.commits(), queued.files(), queued.at()));
        List<Action> actions = new ArrayList<>();
        requestFlush(actions);
        return new Step(events, actions);
    }

    private Step interrupt(Input.Interrupt interrupt, Instant now) {
        interruptRequested = true;
        List<Action> actions = new ArrayList<>();
        if (interrupt.cancelRunning() && begun && !board.isCompleted()) {
            actions.add(Action.CancelSessions.INSTANCE);
        }
        if (board.isCompleted() || board.isInterrupted() || !begun) {
            // already stopped with its sessions let finish: this interrupt may cancel them
            return Step.act(interruptedWhenIdle(board.busyCount(), actions));
        }
        return new Step(List.of(new RunInterrupted(interrupt.reason(), now, interrupt.by())),
                interruptedWhenIdle(board.busyCount(), actions));
    }

    /**
     * Pause, resume, resize: journaled with who asked, or refused with one line and nothing journaled.
     * A request that changes nothing (pausing a paused run) is taken without an event.
     */
    private Step control(Input.Control control, Instant now) {
        if (!begun || board.isCompleted() || board.isInterrupted() || interruptRequested) {
            return Step.act(List.of(new Action.Rejected(Rejection.NOT_RUNNING, "run " + runId + " is "
                    + (board.isCompleted() ? "completed" : begun ? "stopping" : "not started yet"))));
        }
        if (control instanceof Input.Pause pause) {
            return board.isPaused() ? Step.NOTHING
                    : new Step(List.of(new DispatchPaused(pause.by(), pause.reason(), now)), List.of());
        }
        if (control instanceof Input.ResumeDispatch resume) {
            return board.isPaused() ? new Step(List.of(new DispatchResumed(resume.by(), now)), flushing().actions())
                    : Step.NOTHING;
        }
        if (control instanceof Input.AddSpecs add) {
            return addSpecs(add, now);
        }
        if (control instanceof Input.CancelNode cancel) {
            return cancelNode(cancel);
        }
        Input.Resize resize = (Input.Resize) control;
        Optional<String> problem = SlotLimits.problem(resize.slots(), decider.classes());
        if (problem.isPresent()) {
            return Step.act(List.of(new Action.Rejected(Rejection.INVALID, problem.get())));
        }
        if (resize.slots() == board.slotCount()) {
            return Step.NOTHING;
        }
        return new Step(List.of(new SlotsResized(board.slotCount(), resize.slots(), resize.by(), now)),
                flushing().actions());
    }

    /**
     * An operator cancels one group: fenced here at once (out of the ready queue, never dispatched),
     * its session, if it has one, cancelled on its host, and its spec asked to journal the cancel. The
     * session's CANCELLED end reaches the spec after the cancel (same sender, same receiver), which
     * then ignores it. Reviews and batches belong to the review injector: not cancellable yet.
     */
    private Step cancelNode(Input.CancelNode cancel) {
        String node = cancel.node();
        if (io.slotflow.graph.NodeIds.kindOf(node) != io.slotflow.graph.NodeKind.GROUP) {
            return Step.act(List.of(new Action.Rejected(Rejection.NODE_CONFLICT, "node " + node + " is a review or "
                    + "a batch: only implementation groups can be cancelled")));
        }
        if (!graph.specNodes(io.slotflow.graph.NodeIds.specOf(node)).contains(node)) {
            return Step.act(List.of(new Action.Rejected(Rejection.UNKNOWN, "run " + runId + " has no node '" + node
                    + "'")));
        }
        if (board.mergingNode(node).isPresent()) {
            // its session ended with work and its branch waits in the merge queue: a cancel now would
            // leave a node called cancelled whose commits still land on the target
            return Step.act(List.of(new Action.Rejected(Rejection.NODE_CONFLICT, "node " + node + "'s branch is "
                    + "in the merge queue: its session has ended, and it can no longer be cancelled")));
        }
        withheld.add(node);
        if (queue.get(node) != null) {
            queue.remove(node);
            waits.forget(node);
        }
        List<Action> actions = new ArrayList<>();
        board.runningNode(node).ifPresent(r -> actions.add(new Action.CancelSession(r.host(),
                new SessionKey(node, r.attempt()))));
        actions.add(new Action.CancelAtOwner(Owner.of(node), node, cancel.by(), cancel.reason()));
        requestFlush(actions); // its slot or its place in the queue may go to another node
        return Step.act(actions);
    }

    /**
     * An operator's addition: checked against the graph now (another addition may have come first),
     * then journaled as a work source's items are, and their owners start the same way.
     */
    private Step addSpecs(Input.AddSpecs add, Instant now) {
        List<io.slotflow.plan.PlanProblem> problems = io.slotflow.plan.PlanParser.additionProblems(graph.plan(),
                add.specs(), "the addition");
        if (!problems.isEmpty()) {
            return Step.act(List.of(new Action.Rejected(Rejection.INVALID, problems.stream()
                    .map(io.slotflow.plan.PlanProblem::message).collect(java.util.stream.Collectors.joining("; ")))));
        }
        List<RunEvent> events = List.of(new io.slotflow.event.SpecsAdded(add.by(), 0, add.specs(), now));
        return new Step(events, sourceActions(events));
    }

    private List<Action> interruptedWhenIdle(int runningAfter, List<Action> actions) {
        if (interruptRequested && runningAfter == 0 && finishedInputs.isEmpty()) {
            actions.add(Action.Interrupted.INSTANCE);
        }
        return actions;
    }

    /** Records what arrived since the last flush and decides once for all of it. */
    private Step flush(Input.Flush flush, Instant now) {
        flushWanted = false;
        if (!begun) {
            return Step.NOTHING;
        }
        // a start reported for a session whose end is already recorded (a resume) is stale
        startedInputs.removeIf(st -> board.runningNode(st.node()).filter(r -> r.attempt() == st.attempt()
                && r.startedAt() == null).isEmpty());
        List<RunEvent> events = new ArrayList<>(startedInputs);
        List<Finish> finished = new ArrayList<>(finishedInputs.values());
        finished.forEach(f -> events.add(f.event()));
        startedInputs.clear();
        finishedInputs.clear();
        List<Action> actions = new ArrayList<>();
        if (!board.isInterrupted() && !board.isCompleted() && !interruptRequested && awaited.isEmpty()
                && !board.isPaused()) {
            Set<String> finishing = new HashSet<>();
            finished.forEach(f -> finishing.add(f.event().node()));
            io.slotflow.policy.CategoryUse categories = categoryUse(finished, now);
            SlotDecider.Dispatch dispatch = decider.decide(board, queue, finishing, followUps.isQuiet(), now, waits,
                    flush.hosts(), categories);
            CooldownWake.of(categories, queue, dispatch.decision(), now).ifPresent(actions::add);
            lastDecision = dispatch.decision();
            List<String> startedNodes = new ArrayList<>();
            for (io.slotflow.plan.WorkSource due : io.slotflow.policy.SourceDue.due(graph.plan().sources(), sources,
                    categories, readyCategories(), now)) {
                int run = sources.of(due.name()).runs() + 1;
                events.add(new io.slotflow.event.SourceRun(due.name(), run, due.category(), now));
                actions.add(new Action.RunSource(due, run));
            }
            for (NodeDispatched assignment : dispatch.assignments()) {
                QueuedNode started = queue.remove(assignment.node());
                startedNodes.add(assignment.node());
                Optional<PreviousAttempt> previous = board.lastFinished(assignment.node())
                        .filter(f -> f.attempt() < assignment.attempt())
                        .map(f -> new PreviousAttempt(f.attempt(), f.outcome()));
                actions.add(new Action.StartSession(assignment.host(), started.node(), assignment.attempt(), previous));
            }
            // the true reason of every waiting interval, decided here and journaled ahead of the starts
            waitRecord.after(dispatch.decision(), queue, startedNodes, now).ifPresent(events::add);
            events.addAll(dispatch.assignments());
        }
        boolean completes = allSettled && !board.isCompleted()
                && events.stream().allMatch(e -> e instanceof io.slotflow.event.QueueDecided) && board.busyCount() == 0
                && queue.size() == 0 && sources.allDone() && awaited.isEmpty();
        if (completes) {
            events.add(new RunCompleted(now));
        }
        finished.forEach(f -> settleFinished(f, actions));
        interruptedWhenIdle(board.busyCount() - finished.size(), actions);
        if (completes) {
            actions.add(Action.Completed.INSTANCE);
        }
        return new Step(events, actions);
    }

    /**
     * The categories of the nodes in the ready queue: a source of one of them has ready work. A walk of
     * the queue, taken only when the plan has work sources.
     */
    private Set<String> readyCategories() {
        if (graph.plan().sources().isEmpty()) {
            return Set.of();
        }
        Set<String> ready = new HashSet<>();
        queue.oldestFirst().forEach(q -> ready.add(io.slotflow.policy.CategoryTargets.categoryOf(q.node())));
        return ready;
    }

    /** After a source's outcome: owners for added specs, a wake for a retry, and a decision. */
    private List<Action> sourceActions(List<RunEvent> events) {
        List<Action> actions = new ArrayList<>();
        for (RunEvent e : events) {
            if (e instanceof io.slotflow.event.SpecsAdded added) {
                PlanGraph grown = PlanGraph.of(graph.plan().withAddedSpecs(added.specs()));
                actions.add(new Action.SpecsJoined(grown, added.specs().stream().map(io.slotflow.plan.Spec::id).toList()));
            } else if (e instanceof io.slotflow.event.SourceRejected r) {
                r.retryAt().ifPresent(at -> actions.add(new Action.WakeSourcesAt(at)));
            } else if (e instanceof io.slotflow.event.SourceFailed f) {
                f.retryAt().ifPresent(at -> actions.add(new Action.WakeSourcesAt(at)));
            }
        }
        requestFlush(actions);
        return actions;
    }

    /** What the categories used, with the sessions finishing in this write counted as finished. */
    private io.slotflow.policy.CategoryUse categoryUse(List<Finish> finishing, Instant now) {
        if (finishing.isEmpty()) {
            return categoryClock.use(now);
        }
        CategoryClock ahead = categoryClock.copy();
        finishing.forEach(f -> ahead.apply(f.event()));
        return ahead.use(now);
    }

    /** After a session's end is persisted: acknowledge it to its host, tell the node's owner. */
    private void settleFinished(Finish f, List<Action> actions) {
        SessionKey key = new SessionKey(f.event().node(), f.event().attempt());
        actions.add(new Action.AckEnd(f.host(), key));
        FollowUp followUp = FollowUp.of(key);
        followUps.open(followUp);
        actions.add(new Action.ToOwner(Owner.of(key.node()),
                new NodeOutcome(key.node(), key.attempt(), f.event().outcome(), f.event().detail()), Optional.of(followUp)));
        actions.add(Action.ArmSettleTimer.INSTANCE);
    }

    /** Disarms the settle timer when no follow-up and no first announcement is awaited. */
    private Action[] nothingAwaited() {
        return followUps.isQuiet() && awaited.isEmpty() ? new Action[] {Action.DisarmSettleTimer.INSTANCE}
                : new Action[0];
    }

    /** Adds a flush request unless one is on its way. */
    private void requestFlush(List<Action> actions) {
        if (!flushWanted) {
            flushWanted = true;
            actions.add(Action.FlushSoon.INSTANCE);
        }
    }

    /** The given actions, then a flush request unless one is on its way. */
    private Step flushing(Action... first) {
        List<Action> actions = new ArrayList<>(List.of(first));
        requestFlush(actions);
        return Step.act(actions);
    }

    private static SessionFinished finishedEvent(RunningSession s, Input.SessionEnded end) {
        return new SessionFinished(s.node(), s.attempt(), s.slot(), end.outcome(), end.exitCode(), end.detail(),
                end.at(), end.git());
    }
}
