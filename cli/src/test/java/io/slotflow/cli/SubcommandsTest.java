package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line naming a subcommand builds only that one (a read's start is cheaper): what it
 * parses and what its help says must be what the whole command line's subcommand says.
 */
class SubcommandsTest {

    @Test
    void aNamedSubcommandIsBuiltAloneAndAsInTheWholeCommandLine() {
        CommandLine whole = SlotflowCommand.commandLine(new String[0]);
        assertThat(whole.getSubcommands().keySet()).containsExactlyElementsOf(SlotflowCommand.SUBCOMMANDS.keySet());
        for (String name : SlotflowCommand.SUBCOMMANDS.keySet()) {
            if (name.equals("help")) {
                continue; // help lists the others: it gets them all
            }
            CommandLine alone = SlotflowCommand.commandLine(new String[] {name, "--whatever"});
            assertThat(alone.getSubcommands().keySet()).as(name).containsExactly(name);
            CommandLine sub = alone.getSubcommands().get(name);
            CommandLine same = whole.getSubcommands().get(name);
            assertThat(sub.getUsageMessage()).as(name).isEqualTo(same.getUsageMessage());
            assertThat(sub.getCommandSpec().qualifiedName()).isEqualTo(same.getCommandSpec().qualifiedName());
            assertThat(sub.getCommandSpec().options()).as(name).hasSameSizeAs(same.getCommandSpec().options());
        }
    }

    @Test
    void helpAndUnknownCommandsGetEverySubcommand() {
        assertThat(SlotflowCommand.commandLine(new String[] {"help", "runs"}).getSubcommands()).hasSize(SlotflowCommand.SUBCOMMANDS.size());
        assertThat(SlotflowCommand.commandLine(new String[] {"rnus"}).getSubcommands()).hasSize(SlotflowCommand.SUBCOMMANDS.size());
        assertThat(SlotflowCommand.commandLine(new String[] {"--help"}).getSubcommands()).hasSize(SlotflowCommand.SUBCOMMANDS.size());
        assertThat(SlotflowCommand.commandLine(new String[] {"--version"}).getSubcommands()).isEmpty();
    }
}
