package io.slotflow.cli;

import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A plan file and the run settings the command line may change: {@code PLAN [--max N] [--dispatch-mode M]}. */
final class PlanOptions {

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file (YAML, or JSON ending in .json).")
    Path plan;

    @Option(names = "--max", paramLabel = "N", description = "Slots: run at most N sessions at once (replaces run.slots).")
    Integer max;

    @Option(names = "--dispatch-mode", paramLabel = "MODE", converter = DispatchModeConverter.class,
            description = "rolling (refill a freed slot at once) or wave (start a new batch when all slots are empty).")
    DispatchMode mode;

    Plan load() {
        return PlanParser.parse(plan, new PlanParser.Overrides(max, mode));
    }

    /** Relative working directories resolve against the plan file's directory. */
    Path directory() {
        Path parent = plan.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    static final class DispatchModeConverter implements picocli.CommandLine.ITypeConverter<DispatchMode> {
        @Override
        public DispatchMode convert(String value) {
            return switch (value) {
                case "rolling" -> DispatchMode.ROLLING;
                case "wave" -> DispatchMode.WAVE;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected rolling or wave, got '" + value + "'");
            };
        }
    }
}
