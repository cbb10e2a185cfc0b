package io.slotflow.cli;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.plan.Plan;
import io.slotflow.sim.Simulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code slotflow dry-run PLAN}: the simulator's prediction — dispatch order, a per-slot timeline,
 * makespan against the lower bound — from the plan's estimates, with nothing run or written.
 */
@Command(name = "dry-run", mixinStandardHelpOptions = true,
        description = "Predict a run from the estimates: dispatch order, per-slot timeline, makespan. Runs nothing.")
final class DryRunCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--width", paramLabel = "COLUMNS", defaultValue = "72",
            description = "Width of the timeline (default: ${DEFAULT-VALUE}).")
    int width;

    @Spec
    CommandSpec spec;

    private record Bar(String node, String workClass, Instant from, Instant to) {
    }

    @Override
    public Integer call() {
        Plan plan = planOptions.load();
        Simulator.Result result = Simulator.run(plan);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("dry-run of %s: K = %d, %s dispatch, %s order (simulated from the estimates)%n%n", plan.name(),
                plan.run().slots(), plan.run().dispatch().name().toLowerCase(),
                plan.run().order().name().toLowerCase().replace('_', '-'));

        Map<Integer, List<Bar>> slots = new HashMap<>();
        Map<String, NodeDispatched> open = new HashMap<>();
        out.println("predicted dispatch order:");
        int n = 0;
        for (RunEvent event : result.events()) {
            if (event instanceof NodeDispatched d) {
                open.put(d.node(), d);
                out.printf("  %4d  at %-8s slot %-3d %-36s %s%n", ++n, Show.duration(since(d.at())), d.slot() + 1,
                        Show.cut(d.node(), 36), d.workClass());
            } else if (event instanceof SessionFinished f && open.containsKey(f.node())) {
                NodeDispatched d = open.remove(f.node());
                slots.computeIfAbsent(d.slot(), s -> new ArrayList<>()).add(new Bar(d.node(), d.workClass(), d.at(), f.at()));
            }
        }
        out.println();
        Duration makespan = result.makespan();
        out.printf("per-slot timeline (one column = %s; letters are classes: %s; '.' idle):%n",
                Show.duration(makespan.dividedBy(Math.max(1, width))), legend(plan));
        for (int s = 0; s < plan.run().slots(); s++) {
            out.printf("  slot %-3d|%s|%n", s + 1, row(slots.getOrDefault(s, List.of()), makespan));
        }
        out.println();
        out.println("per-slot sessions (start, node):");
        for (int s = 0; s < plan.run().slots(); s++) {
            StringBuilder line = new StringBuilder(String.format("  slot %-3d", s + 1));
            for (Bar bar : slots.getOrDefault(s, List.of())) {
                line.append(' ').append(Show.duration(since(bar.from()))).append(' ').append(bar.node()).append(" ·");
            }
            out.println(line.toString().replaceAll(" ·$", ""));
        }
        out.println();
        List<String> categories = CategoryLines.of(io.slotflow.metrics.CategoryReport.of(result.events()),
                io.slotflow.metrics.Telemetry.of(result.events()));
        if (!categories.isEmpty()) {
            out.println("predicted categories (slot time from dispatch to finish; share against target):");
            categories.forEach(line -> out.println("  " + line));
            out.println();
        }
        out.printf("predicted makespan %s, lower bound %s (%.2f×)%n", Show.duration(makespan),
                Show.duration(result.lowerBound()),
                result.lowerBound().isZero() ? 1.0 : (double) makespan.toMillis() / result.lowerBound().toMillis());
        return ExitCode.OK;
    }

    /** One slot over time: each column the initial of the class that held it, '.' when idle. */
    private String row(List<Bar> bars, Duration makespan) {
        char[] line = ".".repeat(width).toCharArray();
        long total = Math.max(1, makespan.toMillis());
        for (Bar bar : bars) {
            int from = (int) Math.min(width - 1, since(bar.from()).toMillis() * width / total);
            int to = (int) Math.min(width, Math.max(from + 1, since(bar.to()).toMillis() * width / total));
            for (int c = from; c < to; c++) {
                line[c] = initial(bar.workClass());
            }
        }
        return new String(line);
    }

    private static char initial(String workClass) {
        return workClass.isEmpty() ? '?' : workClass.charAt(0);
    }

    private static String legend(Plan plan) {
        return String.join(", ", plan.classes().stream().map(c -> initial(c.name()) + " " + c.name()).toList());
    }

    private static Duration since(Instant at) {
        return Duration.between(Instant.EPOCH, at);
    }
}
