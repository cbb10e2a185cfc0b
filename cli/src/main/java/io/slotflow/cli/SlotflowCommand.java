package io.slotflow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The slotflow command and its subcommands. */
@Command(name = "slotflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs a plan of work sessions in a fixed pool of slots, journaling every decision.",
        subcommands = {picocli.CommandLine.HelpCommand.class, RunCommand.class, RetryCommand.class, NodeCommand.class, DryRunCommand.class, ValidateCommand.class, StatusCommand.class,
            RunsCommand.class, ReplayCommand.class, TimelineCommand.class, StatsCommand.class, VerifyCommand.class,
            ServeCommand.class, CtlCommand.class},
        footer = {"", "Exit codes: 0 all nodes succeeded, 1 some failed, 2 invalid plan or usage, "
                + "3 journal or database error, 4 verify found a broken guarantee, 130 interrupted (Ctrl-C), "
                + "143 stopped by SIGTERM.",
                "Docs: docs/cli.md"})
final class SlotflowCommand implements Runnable {

    @Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of unexpected errors.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a command: run, dry-run, validate, status, …");
    }
}
