package io.slotflow.state;

import io.slotflow.event.BranchQueued;
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
import io.slotflow.event.SessionStarted;
import io.slotflow.event.SlotsResized;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slots of a run: who holds which, and the last finished attempt of every node, which the
 * slot manager uses to answer a repeated announcement. The slot manager's event-sourced state.
 * K may change while the run runs ({@link SlotsResized}): after a shrink the sessions in slots K and
 * above go on until they end, and only slots below K are ever free. Dispatch may be paused.
 *
 * <p>Folding is pure; mutable for O(1) updates; owned by one actor.
 */
public final class SlotBoard {

    /** At least K long: past K only sessions started before a shrink, until they end. */
    private RunningSession[] slots;
    private int k;
    private boolean paused;
    private final Map<String, RunningSession> running = new HashMap<>();
    /** Attempts whose branch waits in the merge queue: no slot, their footprint still held. */
    private final Map<String, RunningSession> merging = new java.util.LinkedHashMap<>();
    private final Map<String, SessionFinished> lastFinished = new HashMap<>();
    private PlanAccepted plan;
    private boolean interrupted;
    private boolean completed;
    private RunRetried retry;

    public SlotBoard(int slotCount) {
        this.slots = new RunningSession[slotCount];
        this.k = slotCount;
    }

    /** K now: the plan's, or the last resize's. */
    public int slotCount() {
        return k;
    }

    /** Dispatch is paused: nothing new starts. */
    public boolean isPaused() {
        return paused;
    }

    /** The accepted plan, once the run has started. */
    public Optional<PlanAccepted> plan() {
        return Optional.ofNullable(plan);
    }

    public boolean isInterrupted() {
        return interrupted;
    }

    public boolean isCompleted() {
        return completed;
    }

    /** The run's latest retry, if it was retried: its owners reopen its nodes once. */
    public Optional<RunRetried> lastRetry() {
        return Optional.ofNullable(retry);
    }

    public int runningCount() {
        return running.size();
    }

    /** Attempts whose session ended and whose branch waits in the merge queue (see {@link BranchQueued}). */
    public List<RunningSession> merging() {
        return List.copyOf(merging.values());
    }

    public int mergingCount() {
        return merging.size();
    }

    /** The attempt of this node whose branch waits in the merge queue, if any. */
    public Optional<RunningSession> mergingNode(String node) {
        return Optional.ofNullable(merging.get(node));
    }

    /** Sessions in slots plus branches in the merge queue: the attempts whose outcome is still to come. */
    public int busyCount() {
        return running.size() + merging.size();
    }

    /** The session holding each slot, in slot order, skipping free slots. */
    public List<RunningSession> running() {
        List<RunningSession> sessions = new ArrayList<>(running.size());
        for (RunningSession s : slots) {
            if (s != null) {
                sessions.add(s);
            }
        }
        return sessions;
    }

    public Optional<RunningSession> runningNode(String node) {
        return Optional.ofNullable(running.get(node));
    }

    /** The last session of this node that finished, if any. */
    public Optional<SessionFinished> lastFinished(String node) {
        return Optional.ofNullable(lastFinished.get(node));
    }

    /** How many sessions run on each host. */
    public Map<String, Integer> runningPerHost() {
        Map<String, Integer> perHost = new HashMap<>();
        running.values().forEach(s -> perHost.merge(s.host(), 1, Integer::sum));
        return perHost;
    }

    /** Free slot indexes below K, lowest first. */
    public List<Integer> freeSlots() {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (slots[i] == null) {
                free.add(i);
            }
        }
        return free;
    }

    /** Folds one event; events of other actors are ignored. */
    public void apply(RunEvent event) {
        if (event instanceof PlanAccepted e) {
            plan = e;
        } else if (event instanceof NodeDispatched e) {
            RunningSession session = new RunningSession(
                    e.node(), e.attempt(), e.slot(), e.workClass(), e.footprint(), e.at(), null, e.host(), e.borrowed());
            slots[e.slot()] = session;
            running.put(e.node(), session);
        } else if (event instanceof SessionStarted e) {
            RunningSession session = running.get(e.node());
            if (session != null && session.attempt() == e.attempt()) {
                RunningSession started = session.started(e.at());
                slots[session.slot()] = started;
                running.put(e.node(), started);
            }
        } else if (event instanceof BranchQueued e) {
            RunningSession session = running.get(e.node());
            if (session != null && session.attempt() == e.attempt()) {
                running.remove(e.node());
                slots[session.slot()] = null;
                merging.put(e.node(), session);
            }
        } else if (event instanceof SessionFinished e) {
            RunningSession session = running.get(e.node());
            if (session != null && session.attempt() == e.attempt()) {
                running.remove(e.node());
                slots[session.slot()] = null;
            }
            RunningSession queued = merging.get(e.node());
            if (queued != null && queued.attempt() == e.attempt()) {
                merging.remove(e.node()); // its slot was freed when its branch was queued
            }
            lastFinished.put(e.node(), e);
        } else if (event instanceof RunInterrupted) {
            interrupted = true;
        } else if (event instanceof RunResumed) {
            interrupted = false;
        } else if (event instanceof RunCompleted) {
            completed = true;
        } else if (event instanceof SlotsResized e) {
            k = e.to();
            if (slots.length < k) {
                slots = Arrays.copyOf(slots, k);
            }
        } else if (event instanceof DispatchPaused) {
            paused = true;
        } else if (event instanceof DispatchResumed) {
            paused = false;
        } else if (event instanceof RunRetried e) {
            completed = false;
            retry = e;
        }
    }
}
