package io.slotflow.engine.source;

import io.slotflow.core.SourceVerdict;
import io.slotflow.plan.WorkSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs one work source's command, outside the actor that decided it, as sessions run: {@code sh -c}
 * in the plan's directory (or the source's {@code workdir}), with {@code SLOTFLOW_RUN},
 * {@code SLOTFLOW_SOURCE}, {@code SLOTFLOW_SOURCE_RUN} and {@code SLOTFLOW_CATEGORY} set. Reads its
 * standard output (at most {@link WorkItems#MAX_BYTES} + 1 bytes kept, the rest counted), kills its
 * process tree at the timeout, and turns what happened into a {@link SourceVerdict}.
 */
public final class SourceProcess {

    private static final int STDERR_KEPT = 400;
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slotflow-source");
        t.setDaemon(true);
        return t;
    });

    private SourceProcess() {
    }

    public static CompletionStage<SourceVerdict> run(String runId, WorkSource source, int run, Path planDirectory) {
        return CompletableFuture.supplyAsync(() -> runNow(runId, source, run, planDirectory), THREADS);
    }

    static SourceVerdict runNow(String runId, WorkSource source, int run, Path planDirectory) {
        Path dir = source.command().workdir() == null ? planDirectory : planDirectory.resolve(source.command().workdir());
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", source.command().line()))
                .directory(dir.toFile());
        builder.environment().putAll(source.command().env());
        builder.environment().put("SLOTFLOW_RUN", runId);
        builder.environment().put("SLOTFLOW_SOURCE", source.name());
        builder.environment().put("SLOTFLOW_SOURCE_RUN", Integer.toString(run));
        builder.environment().put("SLOTFLOW_CATEGORY", source.category());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new SourceVerdict.Failed("cannot start: " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // it reads no input
        }
        CompletableFuture<Captured> out = CompletableFuture.supplyAsync(() -> capture(process.getInputStream(),
                WorkItems.MAX_BYTES + 1), THREADS);
        CompletableFuture<Captured> err = CompletableFuture.supplyAsync(() -> capture(process.getErrorStream(),
                STDERR_KEPT), THREADS);
        try {
            if (!process.waitFor(source.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return new SourceVerdict.Failed("timed out after " + show(source.timeout()));
            }
            Captured printed = out.get(10, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                String said = new String(err.get(10, TimeUnit.SECONDS).kept(), StandardCharsets.UTF_8).strip()
                        .replace('\n', ' ');
                return new SourceVerdict.Failed("exit " + process.exitValue() + (said.isEmpty() ? "" : ": " + said));
            }
            return WorkItems.check(printed.kept(), printed.total(), source.category());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new SourceVerdict.Failed("interrupted");
        } catch (Exception e) {
            kill(process);
            return new SourceVerdict.Failed("cannot read its output: " + e.getMessage());
        }
    }

    private record Captured(byte[] kept, long total) {
    }

    /** Keeps the first {@code limit} bytes and counts the rest, so a chatty source cannot fill the memory. */
    private static Captured capture(InputStream in, int limit) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long total = 0;
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                int keep = (int) Math.max(0, Math.min(n, limit - total));
                kept.write(buffer, 0, keep);
                total += n;
            }
        } catch (IOException e) {
            // the process was killed: what was read is what it printed
        }
        return new Captured(kept.toByteArray(), total);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String show(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
