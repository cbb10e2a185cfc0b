package io.slotflow.metrics;

import io.slotflow.core.SessionKey;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.NodeKind;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Group;
import io.slotflow.plan.Plan;
import io.slotflow.plan.Spec;
import io.slotflow.verify.Guarantee;
import io.slotflow.verify.Verifier;
import io.slotflow.verify.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run did, from its events alone: makespan against the lower bound, concurrency and slot
 * utilization, queue waits per class, outcomes, retries, timeouts, lost sessions, the class and
 * category mix over time, implementation work held up by reviews, and broken guarantees.
 *
 * @param runId the run
 * @param slots K
 * @param completed the run completed (else: interrupted, or still running when read)
 * @param makespan the time the engine was working on the run: from the plan's acceptance to the last
 *     event (run completion when completed), less the time it was down between a stop and a resume
 * @param wallTime from the plan's acceptance to the last event, the time the engine was down included
 * @param downTime wall time less makespan: from the last event before each resume to the resume
 * @param resumes how many times the engine started again on the run
 * @param lowerBound {@code max(critical path, total work / K)} from the plan's estimates
 * @param sessions sessions that ended
 * @param busy the sum of every session's time in its slot while the engine was up
 * @param peakConcurrency the most sessions running at once
 * @param meanConcurrency busy time over makespan
 * @param utilization busy time over K × makespan
 * @param outcomes sessions by outcome
 * @param noopRate NOOP sessions over sessions
 * @param retries attempts granted after a failure or timeout (lost and cancelled sessions run again without one)
 * @param queueWait per class, how long nodes waited from ready to dispatched
 * @param sessionTime per class, how long sessions ran
 * @param classMix per class, sessions and busy time
 * @param categoryMix per category (groups only; "none" when unset), sessions and busy time
 * @param finishedAfter per class, from the start of the run to the end of its last session (wall time)
 * @param mixOverTime busy time per class in each tenth of the run's wall time
 * @param implementationBehindReviews implementation work kept waiting by reviews holding the slots
 * @param violations guarantees broken (see {@link Verifier})
 * @param borrowed sessions that held a slot beyond their class's quota, lent by backfill, and their busy time
 * @param git what the sessions of a git workspace did and what became of their branches; empty without one
 * @param categories per category: sessions, slot time, share against target, NOOP rate, respawns,
 *     same-lock violations (see {@link CategoryReport})
 */
public record Telemetry(
        String runId,
        int slots,
        boolean completed,
        Duration makespan,
        Duration wallTime,
        Duration downTime,
        int resumes,
        Duration lowerBound,
        int sessions,
        Duration busy,
        int peakConcurrency,
        double meanConcurrency,
        double utilization,
        Map<SessionOutcome, Integer> outcomes,
        double noopRate,
        int retries,
        Map<String, Percentiles> queueWait,
        Map<String, Percentiles> sessionTime,
        Map<String, Mix> classMix,
        Map<String, Mix> categoryMix,
        Map<String, Duration> finishedAfter,
        List<Map<String, Duration>> mixOverTime,
        ClassInterference implementationBehindReviews,
        Map<Guarantee, Integer> violations,
        Mix borrowed,
        GitTelemetry git,
        CategoryReport categories) {

    /** Sessions and busy time of one class or category. */
    public record Mix(int sessions, Duration busy) {
    }

    private static final int TIME_BUCKETS = 10;

    /** makespan / lower bound: 1.0 is the best any schedule could do (a run not completed has no ratio yet). */
    public double makespanRatio() {
        return lowerBound.isZero() ? 1.0 : (double) makespan.toMillis() / lowerBound.toMillis();
    }

    public int count(SessionOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    public static Telemetry of(List<? extends RunEvent> events) {
        PlanAccepted accepted = events.stream().filter(e -> e instanceof PlanAccepted).map(e -> (PlanAccepted) e)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the events hold no plan-accepted"));
        Plan plan = accepted.plan();
        Map<String, String> categories = categoriesOf(plan);
        Instant start = accepted.at();
        Instant end = events.get(events.size() - 1).at();
        boolean completed = false;

        record Slot(String workClass, String category, Instant from, boolean borrowed) {
        }
        Map<SessionKey, Slot> running = new HashMap<>();
        // sessions whose branch entered the merge queue: their slot was freed then, their outcome comes later
        Map<SessionKey, Session> queuedSessions = new HashMap<>();
        List<Session> done = new ArrayList<>();
        Map<String, List<Duration>> waits = new TreeMap<>();
        Map<SessionOutcome, Integer> outcomes = new EnumMap<>(SessionOutcome.class);
        int retries = 0;
        Map<String, Integer> failuresSoFar = new HashMap<>();
        int peak = 0;
        for (RunEvent event : events) {
            if (event.at().isAfter(end)) {
                end = event.at();
            }
            if (event instanceof io.slotflow.event.SpecsAdded added) {
                categories.putAll(categoriesOf(plan.withAddedSpecs(added.specs())));
            } else if (event instanceof NodeReady r) {
                if (r.failures() > failuresSoFar.getOrDefault(r.node(), 0)) {
                    retries++;
                }
                failuresSoFar.put(r.node(), r.failures());
            } else if (event instanceof NodeDispatched d) {
                running.put(new SessionKey(d.node(), d.attempt()), new Slot(d.workClass(), category(d.node(), categories), d.at(),
                        d.borrowed()));
                peak = Math.max(peak, running.size());
                waits.computeIfAbsent(d.workClass(), c -> new ArrayList<>()).add(nonNegative(d.readyAt(), d.at()));
            } else if (event instanceof io.slotflow.event.BranchQueued q) {
                SessionKey key = new SessionKey(q.node(), q.attempt());
                Slot slot = running.remove(key);
                if (slot != null) { // the slot is free from here; the session counts once its outcome is known
                    queuedSessions.put(key, new Session(slot.workClass(), slot.category(), slot.from(), q.at(),
                            slot.borrowed(), nonNegative(slot.from(), q.at())));
                }
            } else if (event instanceof SessionFinished f) {
                SessionKey key = new SessionKey(f.node(), f.attempt());
                Slot slot = running.remove(key);
                Session queued = queuedSessions.remove(key);
                if (slot != null) {
                    done.add(new Session(slot.workClass(), slot.category(), slot.from(), f.at(), slot.borrowed(),
                            nonNegative(slot.from(), f.at())));
                } else if (queued != null) {
                    done.add(queued);
                }
                outcomes.merge(f.outcome(), 1, Integer::sum);
            } else if (event instanceof RunCompleted) {
                completed = true;
                end = event.at();
            }
        }
        ActiveTime activeTime = ActiveTime.of(events, start, end);
        Duration makespan = activeTime.active();
        done.replaceAll(s -> s.upFor(activeTime.activeBetween(s.from(), s.to())));
        Duration busy = done.stream().map(Session::length).reduce(Duration.ZERO, Duration::plus);
        int k = plan.run().slots();
        double mean = makespan.isZero() ? 0 : (double) busy.toMillis() / makespan.toMillis();
        int sessions = done.size();

        Map<String, Percentiles> queueWait = new LinkedHashMap<>();
        waits.forEach((cls, list) -> queueWait.put(cls, Percentiles.of(list)));
        Map<String, List<Duration>> lengths = new TreeMap<>();
        Map<String, Mix> classMix = new TreeMap<>();
        Map<String, Mix> categoryMix = new TreeMap<>();
        for (Session s : done) {
            lengths.computeIfAbsent(s.workClass(), c -> new ArrayList<>()).add(s.length());
            classMix.merge(s.workClass(), new Mix(1, s.length()), Telemetry::add);
            if (s.category() != null) {
                categoryMix.merge(s.category(), new Mix(1, s.length()), Telemetry::add);
            }
        }
        Map<String, Percentiles> sessionTime = new LinkedHashMap<>();
        lengths.forEach((cls, list) -> sessionTime.put(cls, Percentiles.of(list)));
        Map<String, Duration> finishedAfter = new TreeMap<>();
        for (Session s : done) {
            finishedAfter.merge(s.workClass(), nonNegative(start, s.to()), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }

        Map<Guarantee, Integer> violations = new EnumMap<>(Guarantee.class);
        for (Violation v : new Verifier().check(events)) {
            violations.merge(v.guarantee(), 1, Integer::sum);
        }
        int resumes = (int) events.stream().filter(e -> e instanceof RunResumed).count();
        return new Telemetry(accepted.runId(), k, completed, makespan, activeTime.wall(), activeTime.down(), resumes,
                PlanGraph.of(plan).lowerBound(), sessions, busy,
                peak, mean, k == 0 ? 0 : mean / k, outcomes,
                sessions == 0 ? 0 : (double) outcomes.getOrDefault(SessionOutcome.NOOP, 0) / sessions, retries,
                queueWait, sessionTime, classMix, categoryMix, finishedAfter, mixOverTime(done, activeTime),
                ClassInterference.implementationBehindReviews(events), violations,
                done.stream().filter(Session::borrowed).map(b -> new Mix(1, b.length()))
                        .reduce(new Mix(0, Duration.ZERO), Telemetry::add), GitTelemetry.of(events),
                CategoryReport.of(events));
    }

    /** A session's time in its slot; {@code length} leaves out the time the engine was down. */
    private record Session(String workClass, String category, Instant from, Instant to, boolean borrowed,
            Duration length) {
        Session upFor(Duration up) {
            return new Session(workClass, category, from, to, borrowed, up);
        }
    }

    private static List<Map<String, Duration>> mixOverTime(List<Session> done, ActiveTime time) {
        List<Map<String, Duration>> buckets = new ArrayList<>();
        long wall = time.wall().toMillis();
        long width = Math.max(1, wall / TIME_BUCKETS + (wall % TIME_BUCKETS == 0 ? 0 : 1));
        for (int b = 0; b < TIME_BUCKETS; b++) {
            buckets.add(new TreeMap<>());
        }
        for (Session s : done) {
            for (int b = 0; b < TIME_BUCKETS; b++) {
                Instant bucketFrom = time.start().plusMillis(b * width);
                Instant bucketTo = time.start().plusMillis((b + 1) * width);
                Instant from = s.from().isAfter(bucketFrom) ? s.from() : bucketFrom;
                Instant to = s.to().isBefore(bucketTo) ? s.to() : bucketTo;
                Duration overlap = from.isBefore(to) ? time.activeBetween(from, to) : Duration.ZERO;
                if (!overlap.isZero()) {
                    buckets.get(b).merge(s.workClass(), overlap, Duration::plus);
                }
            }
        }
        return buckets;
    }

    private static Mix add(Mix a, Mix b) {
        return new Mix(a.sessions() + b.sessions(), a.busy().plus(b.busy()));
    }

    private static Duration nonNegative(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String category(String node, Map<String, String> categories) {
        return NodeIds.kindOf(node) == NodeKind.GROUP ? categories.getOrDefault(node, "none") : null;
    }

    private static Map<String, String> categoriesOf(Plan plan) {
        Map<String, String> categories = new HashMap<>();
        for (Spec spec : plan.specs()) {
            for (Group group : spec.groups()) {
                if (group.category() != null) {
                    categories.put(NodeIds.group(spec.id(), group.id()), group.category());
                }
            }
        }
        return categories;
    }
}
