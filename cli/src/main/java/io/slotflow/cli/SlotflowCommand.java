package io.slotflow.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The slotflow command and its subcommands. */
@Command(name = "slotflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs a plan of work sessions in a fixed pool of slots, journaling every decision.",
        footer = {"", "Exit codes: 0 all nodes succeeded, 1 some failed, 2 invalid plan or usage, "
                + "3 journal or database error, 4 verify found a broken guarantee, 130 interrupted (Ctrl-C), "
                + "143 stopped by SIGTERM.",
                "Docs: docs/cli.md"})
final class SlotflowCommand implements Runnable {

    /**
     * The subcommands, in the order help lists them. Added in code rather than in the annotation so
     * that a command line naming one builds only that one: picocli's model of all fourteen (their
     * classes loaded and verified, their annotations read) was half the CPU of a read.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("help", picocli.CommandLine.HelpCommand::new);
        all.put("run", RunCommand::new);
        all.put("retry", RetryCommand::new);
        all.put("node", NodeCommand::new);
        all.put("dry-run", DryRunCommand::new);
        all.put("validate", ValidateCommand::new);
        all.put("status", StatusCommand::new);
        all.put("runs", RunsCommand::new);
        all.put("replay", ReplayCommand::new);
        all.put("timeline", TimelineCommand::new);
        all.put("stats", StatsCommand::new);
        all.put("verify", VerifyCommand::new);
        all.put("serve", ServeCommand::new);
        all.put("ctl", CtlCommand::new);
        return java.util.Collections.unmodifiableMap(all);
    }

    /**
     * The command line for these arguments: with only the subcommand the first argument names, none
     * for a lone --version, all for anything else (help and usage messages list them all).
     */
    static picocli.CommandLine commandLine(String[] args) {
        picocli.CommandLine commandLine = new picocli.CommandLine(new SlotflowCommand());
        Supplier<Object> named = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
        boolean version = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        if (named != null) {
            commandLine.addSubcommand(args[0], named.get());
        } else if (!version) {
            SUBCOMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        }
        return commandLine;
    }

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
