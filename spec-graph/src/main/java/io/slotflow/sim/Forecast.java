package io.slotflow.sim;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How long a run has left, as the simulation that {@code dry-run} prints says: the simulated run
 * ends its n-th node at a known virtual time t(n), so once n nodes are done it has makespan − t(n)
 * left. The time since the run's latest node ended counts down from that, but never past the
 * simulation's next ending: a session that runs longer than its estimate holds the forecast where
 * it is instead of driving it below what the remaining nodes need.
 *
 * <p>It knows what the simulation knows — estimates, and every session succeeding — so a run whose
 * sessions fail, are retried or take longer than estimated ends later than forecast; when more nodes
 * are done than the simulation ever ended (retries of a finished run, nodes added by control
 * actions), it has no forecast.
 */
public final class Forecast {

    /** When the simulated run had ended its first, second, … node, from its start. */
    private final List<Duration> endings;
    private final Duration makespan;

    private Forecast(List<Duration> endings, Duration makespan) {
        this.endings = endings;
        this.makespan = makespan;
    }

    /** Simulates the plan as {@code dry-run} does. */
    public static Forecast of(Plan plan) {
        return of(Simulator.run(plan));
    }

    public static Forecast of(Simulator.Result simulated) {
        Instant start = simulated.events().isEmpty() ? Instant.EPOCH : simulated.events().get(0).at();
        List<Duration> endings = simulated.events().stream().filter(Forecast::endsANode)
                .map(e -> Duration.between(start, e.at())).toList();
        return new Forecast(endings, simulated.makespan());
    }

    private static boolean endsANode(RunEvent event) {
        return event instanceof NodeSucceeded || event instanceof NodeFailed || event instanceof NodeBlocked;
    }

    /**
     * What is left once {@code done} nodes have ended, the latest of them {@code sinceLatest} ago (or
     * the run started that long ago, when none has); empty when more are done than the simulation ended.
     */
    public Optional<Duration> remaining(int done, Duration sinceLatest) {
        if (done > endings.size()) {
            return Optional.empty();
        }
        Duration reached = done == 0 ? Duration.ZERO : endings.get(done - 1);
        Duration next = done < endings.size() ? endings.get(done) : makespan;
        Duration progress = reached.plus(sinceLatest);
        if (progress.compareTo(next) > 0) {
            progress = next;
        }
        Duration left = makespan.minus(progress);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }
}
