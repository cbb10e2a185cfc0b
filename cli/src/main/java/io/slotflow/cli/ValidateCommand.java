package io.slotflow.cli;

import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Plan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code slotflow validate PLAN}: checks a plan and says what it holds, or every problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a plan: every problem, one line each, with file, line and column.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Plan plan = planOptions.load();
        PlanGraph graph = PlanGraph.of(plan);
        spec.commandLine().getOut().printf("%s: valid — %d specs, %d groups, %d review types, %d barriers; K = %d, "
                        + "%s; critical path %s, lower bound %s%n",
                planOptions.plan, plan.specs().size(), graph.groupCount(), plan.reviewTypes().size(),
                plan.barriers().size(), plan.run().slots(), plan.run().dispatch().name().toLowerCase(),
                Show.duration(graph.criticalPath()), Show.duration(graph.lowerBound()));
        return ExitCode.OK;
    }
}
