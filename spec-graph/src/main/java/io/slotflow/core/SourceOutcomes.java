package io.slotflow.core;

import io.slotflow.event.RunEvent;
import io.slotflow.event.SourceDrained;
import io.slotflow.event.SourceFailed;
import io.slotflow.event.SourceRejected;
import io.slotflow.event.SpecsAdded;
import io.slotflow.plan.InvalidPlanException;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.plan.PlanProblem;
import io.slotflow.plan.Spec;
import io.slotflow.plan.WorkSource;
import io.slotflow.state.WorkSources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a work source's run comes to, decided in the run core's command handler: its items checked
 * like a plan's specs and added to the run, or rejected with every problem, or a failure — each
 * with the retry wait (doubling per failure in a row) or, past the source's retries, given up.
 */
final class SourceOutcomes {

    static final String LOST = "the engine stopped while it ran";

    private SourceOutcomes() {
    }

    /** The events for {@code output}; empty when it is not the run under way (a repeat). */
    static Optional<List<RunEvent>> decide(Input.SourceOutput output, Plan plan, WorkSources book, Instant now) {
        Optional<WorkSource> declared = plan.sources().stream().filter(s -> s.name().equals(output.source())).findFirst();
        WorkSources.Standing standing = book.of(output.source());
        if (declared.isEmpty() || standing.phase() != WorkSources.Phase.RUNNING || standing.runs() != output.run()) {
            return Optional.empty();
        }
        WorkSource source = declared.get();
        Optional<Instant> retryAt = retryAt(source, standing, now);
        SourceVerdict verdict = output.verdict();
        if (verdict instanceof SourceVerdict.Failed f) {
            return Optional.of(List.of(new SourceFailed(source.name(), output.run(), f.reason(), retryAt, now)));
        }
        if (verdict instanceof SourceVerdict.Malformed m) {
            return Optional.of(List.of(new SourceRejected(source.name(), output.run(), m.reason(), m.printed(), m.bytes(),
                    retryAt, now)));
        }
        SourceVerdict.Items items = (SourceVerdict.Items) verdict;
        try {
            List<Spec> added = PlanParser.addedSpecs(plan, items.specsJson(),
                    "source " + source.name() + ", run " + output.run(), null);
            if (added.isEmpty()) {
                return Optional.of(List.of(new SourceDrained(source.name(), output.run(), now)));
            }
            return Optional.of(List.of(new SpecsAdded(SpecsAdded.bySource(source.name()), output.run(), added, now)));
        } catch (InvalidPlanException e) {
            String reason = e.problems().stream().map(PlanProblem::toString).collect(Collectors.joining("\n"));
            return Optional.of(List.of(new SourceRejected(source.name(), output.run(), reason, items.printed(),
                    items.bytes(), retryAt, now)));
        }
    }

    /** Source runs under way when the engine stopped: failed, and retried as the source's backoff says. */
    static List<RunEvent> lostRuns(Plan plan, WorkSources book, Instant now) {
        List<RunEvent> lost = new ArrayList<>();
        for (WorkSource source : plan.sources()) {
            WorkSources.Standing standing = book.of(source.name());
            if (standing.phase() == WorkSources.Phase.RUNNING) {
                lost.add(new SourceFailed(source.name(), standing.runs(), LOST, retryAt(source, standing, now), now));
            }
        }
        return lost;
    }

    /** The next run's time after one more failure in a row; empty once the retries are spent. */
    private static Optional<Instant> retryAt(WorkSource source, WorkSources.Standing standing, Instant now) {
        int inARow = standing.failuresInARow() + 1;
        return inARow > source.retries() ? Optional.empty() : Optional.of(now.plus(source.backoffAfter(inARow)));
    }
}
