package io.slotflow.engine.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the git command line in one directory, arguments as an array (never a shell string), with
 * no prompt, no editor and no pager, and the C locale so that its output can be read.
 */
final class Git {

    /** What a git command returned. */
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        /** The NUL-separated items of {@code -z} output. */
        List<String> items() {
            return Arrays.stream(out.split("\0")).filter(s -> !s.isEmpty()).toList();
        }
    }

    /**
     * Reads each git command's standard error while the caller reads its output. Not the common pool:
     * on two cores it has one thread, and a reader waiting there behind another blocking task would
     * leave this git command, and whatever waits for it, hanging.
     */
    private static final java.util.concurrent.ExecutorService ERROR_READERS =
            java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "slotflow-git-stderr");
                thread.setDaemon(true);
                return thread;
            });

    private final Path directory;

    Git(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** Runs git; any exit code is returned. */
    Result run(String... args) {
        return fed(null, args);
    }

    /** Runs git with {@code input} on its standard input. */
    Result fed(String input, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_EDITOR", "true");
        builder.environment().put("GIT_PAGER", "cat");
        builder.environment().put("LC_ALL", "C");
        try {
            Process process = builder.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()), ERROR_READERS);
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String out = read(process.getInputStream());
            int exit = process.waitFor();
            return new Result(exit, out, err.join());
        } catch (IOException e) {
            throw new GitException("cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git " + String.join(" ", args));
        }
    }

    /** Runs git and returns its output without the last newline; throws when it fails. */
    String must(String... args) {
        Result r = run(args);
        if (!r.ok()) {
            throw new GitException("git " + String.join(" ", args) + " in " + directory + " failed: "
                    + firstLine(r.err().isBlank() ? r.out() : r.err()));
        }
        return r.out().endsWith("\n") ? r.out().substring(0, r.out().length() - 1) : r.out();
    }

    /** The commit a ref or revision names, or empty when it names none. */
    java.util.Optional<String> commit(String revision) {
        Result r = run("rev-parse", "--verify", "--quiet", revision + "^{commit}");
        return r.ok() ? java.util.Optional.of(r.out().trim()) : java.util.Optional.empty();
    }

    boolean isAncestor(String ancestor, String descendant) {
        return run("merge-base", "--is-ancestor", ancestor, descendant).ok();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
