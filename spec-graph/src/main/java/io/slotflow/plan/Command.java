package io.slotflow.plan;

import java.util.Map;
import java.util.Objects;

/**
 * What a session runs: a shell command line, its working directory and extra environment.
 * Plan values reach the process only as these fields and as environment variables; ids are never
 * spliced into the command line.
 *
 * @param line run with {@code /bin/sh -c}
 * @param workdir relative to the plan file's directory, or absolute; null for the plan's directory
 * @param env added to the engine's environment
 */
public record Command(String line, String workdir, Map<String, String> env) {

    public Command {
        Objects.requireNonNull(line, "line");
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static Command of(String line) {
        return new Command(line, null, Map.of());
    }
}
