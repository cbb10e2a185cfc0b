package io.slotflow.cli;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.persistence.OwnerOnly;
import io.slotflow.server.ApiToken;
import io.slotflow.server.ServeSettings;
import io.slotflow.server.SlotflowServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

/**
 * {@code slotflow serve}: a long-running engine behind the control API (docs/api.md). It resumes
 * every run it had not finished, then serves until SIGTERM or Ctrl-C, which drain every run (the
 * running sessions have the stop grace to finish) and exit 143 or 130; the runs resume on the next start.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a long-lived engine with an HTTP control API (submit, status, pause, resize, drain, events).")
final class ServeCommand implements Callable<Integer> {

    /** The file in the state directory that names where a served engine listens (read by {@code ctl}). */
    static final String ADDRESS_FILE = "api-address";
    static final int DEFAULT_PORT = 7460;

    @Mixin
    JournalOptions journal;

    @Mixin
    KillGraceOption killGrace;

    @Option(names = "--listen", paramLabel = "ADDRESS", defaultValue = ServeSettings.LOOPBACK,
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only). Any other "
                    + "address exposes the API to the network: the token is then all that guards it.")
    String listen;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
            description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Read the API token from FILE (at least 16 characters). Default: <state-dir>/api-token, "
                    + "generated on first start, readable by its owner only.")
    Path tokenFile;

    @Mixin
    StopGraceOption stopGrace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration grace = killGrace.parse();
        Duration stop = stopGrace.parse();
        if (port < 0 || port > 65_535) {
            throw new Main.UserError("--port: expected 0 to 65535, got " + port, ExitCode.INVALID);
        }
        ApiToken token = token();
        PrintWriter out = spec.commandLine().getOut();
        EngineSettings settings = EngineSettings.defaults(journal.stateDir).withJournal(journal.settings())
                .withKillGrace(grace);
        CompletableFuture<Integer> signalled = new CompletableFuture<>();
        try (EngineLogFile log = EngineLogFile.open(journal.stateDir);
                Slotflow engine = Slotflow.start(settings, new ProcessRunner(grace))) {
            SlotflowServer server;
            try {
                server = SlotflowServer.start(engine, new ServeSettings(listen, port, token,
                        ServeSettings.DEFAULT_MAX_BODY, stop));
            } catch (IllegalStateException e) {
                throw new Main.UserError(e.getMessage(), ExitCode.INVALID);
            }
            String url = "http://" + (listen.contains(":") ? "[" + listen + "]" : listen) + ":"
                    + server.address().getPort();
            writeAddress(url);
            Signal.handle(new Signal("TERM"), s -> signalled.complete(ExitCode.TERMINATED));
            Signal.handle(new Signal("INT"), s -> signalled.complete(ExitCode.INTERRUPTED));
            out.printf("slotflow serve: listening on %s (token in %s); journal %s; %d unfinished run%s resumed%n",
                    url, tokenFile != null ? tokenFile : journal.stateDir.resolve(ApiToken.FILE_NAME),
                    journal.describe(), server.resumed().size(), server.resumed().size() == 1 ? "" : "s");
            out.flush();
            int code = signalled.join();
            System.err.println("slotflow serve: " + (code == ExitCode.TERMINATED ? "SIGTERM" : "interrupted")
                    + " — no new sessions; the running ones have " + Show.duration(stop) + " to finish");
            server.stop(code == ExitCode.TERMINATED ? "stopped by SIGTERM" : "interrupted (Ctrl-C)");
            return code;
        }
    }

    private ApiToken token() throws IOException {
        try {
            if (tokenFile != null) {
                if (!Files.isRegularFile(tokenFile)) {
                    throw new Main.UserError("--token-file: no file " + tokenFile, ExitCode.INVALID);
                }
                return ApiToken.of(Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
            }
            return ApiToken.inStateDirectory(journal.stateDir);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("--token-file: " + e.getMessage(), ExitCode.INVALID);
        }
    }

    private void writeAddress(String url) throws IOException {
        try (OutputStream out = OwnerOnly.newOutputStream(journal.stateDir.resolve(ADDRESS_FILE))) {
            out.write((url + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
