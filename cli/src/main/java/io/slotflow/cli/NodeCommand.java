package io.slotflow.cli;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.cluster.NodeSettings;
import io.slotflow.engine.cluster.SlotflowNode;
import io.slotflow.engine.runner.ProcessRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code slotflow node}: a cluster member that runs sessions in its slots until it is stopped
 * (Ctrl-C or TERM: it leaves the cluster, handing its work over, and exits 0).
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Start a cluster member that runs sessions (see docs/cluster.md).")
final class NodeCommand implements Callable<Integer> {

    private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(2);

    @Option(names = "--host", paramLabel = "HOST", required = true,
            description = "The address other members reach this one at.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", required = true, description = "This member's port.")
    int port;

    @Option(names = "--seed-nodes", paramLabel = "HOST:PORT", split = ",", required = true,
            description = "Members to join through, comma-separated; the first member lists itself first.")
    List<String> seedNodes;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "4",
            description = "Sessions this member runs at once (default: ${DEFAULT-VALUE}).")
    int slots;

    @Mixin
    KillGraceOption killGrace;

    @Mixin
    JournalOptions journal;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (slots < 1) {
            throw new Main.UserError("--slots: a member needs at least one slot, got " + slots, ExitCode.INVALID);
        }
        HostPort.port("--port", port);
        seedNodes.forEach(seed -> HostPort.check("--seed-nodes", seed));
        Duration grace = killGrace.parse();
        PrintWriter out = spec.commandLine().getOut();
        EngineSettings settings = EngineSettings.defaults(journal.stateDir).withJournal(journal.settings())
                .withKillGrace(grace);
        try (EngineLogFile log = EngineLogFile.open(journal.stateDir);
                SlotflowNode node = start(new NodeSettings(settings, host, port, seedNodes, slots), grace)) {
            out.printf("member %s starting: %d slots, journal %s, joining through %s%n", node.address(), slots,
                    journal.describe(), String.join(",", seedNodes));
            out.flush();
            try {
                node.awaitUp(JOIN_TIMEOUT);
            } catch (IllegalStateException e) {
                throw new Main.UserError(e.getMessage(), ExitCode.JOURNAL);
            }
            String address = node.address();
            out.printf("member %s up%n", address);
            out.flush();
            CompletableFuture<Boolean> stop = new CompletableFuture<>();
            sun.misc.SignalHandler leave = signal -> stop.complete(true);
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), leave);
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), leave);
            node.whenStopped().thenRun(() -> stop.complete(false));
            if (!stop.get()) {
                if (node.wasFenced()) {
                    throw new Main.UserError("member " + address + " could not renew its session host's lease in time "
                            + "(frozen, or cut off from the journal): its sessions were stopped and run on other "
                            + "members; start it again", ExitCode.JOURNAL);
                }
                // downed by the split-brain resolver, or unable to stay in the cluster
                throw new Main.UserError("member " + address + " was removed from the cluster; its sessions were "
                        + "stopped", ExitCode.JOURNAL);
            }
            out.printf("member %s leaving%n", address);
            out.flush();
        }
        return ExitCode.OK;
    }

    private static SlotflowNode start(NodeSettings node, Duration grace) {
        try {
            return SlotflowNode.start(node, new ProcessRunner(grace));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.BindException) {
                    throw new Main.UserError("cannot listen on " + node.host() + ":" + node.port() + ": "
                            + cause.getMessage(), ExitCode.INVALID);
                }
            }
            throw e;
        }
    }
}
