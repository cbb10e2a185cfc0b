package io.slotflow.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan that must not run, with every problem found (one line each). */
public final class InvalidPlanException extends RuntimeException {

    private final List<PlanProblem> problems;

    public InvalidPlanException(List<PlanProblem> problems) {
        super(problems.stream().map(PlanProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<PlanProblem> problems() {
        return problems;
    }
}
