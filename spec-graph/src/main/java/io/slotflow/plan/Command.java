package io.slotflow.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * What a session runs: a shell command line, its working directory and extra environment, or, for
 * an in-process runner, a payload. Plan values reach the process only as these fields and as
 * environment variables; ids are never spliced into the command line.
 *
 * @param line run with {@code /bin/sh -c}; empty for a node that carries only a payload
 * @param workdir relative to the plan file's directory, or absolute; null for the plan's directory
 * @param env added to the engine's environment
 * @param payload what an in-process runner is handed ({@code SessionRequest.payload(type)}), as JSON so that
 *     the plan, payload included, is journaled with the run and a resume or retry gets it back; null
 *     when none, and then left out of the plan's JSON, so plans without payloads keep their digest
 */
public record Command(String line, String workdir, Map<String, String> env,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode payload) {

    public Command {
        Objects.requireNonNull(line, "line");
        env = env == null ? Map.of() : Map.copyOf(env);
        payload = payload == null || payload.isNull() || payload.isMissingNode() ? null : payload.deepCopy();
    }

    /** A command line without payload. */
    public Command(String line, String workdir, Map<String, String> env) {
        this(line, workdir, env, null);
    }

    public static Command of(String line) {
        return new Command(line, null, Map.of());
    }

    /** A session for an in-process runner only: no command line, just the payload. */
    public static Command payload(JsonNode payload) {
        return new Command("", null, Map.of(), Objects.requireNonNull(payload, "payload"));
    }

    /** True when the node carries a payload for an in-process runner. */
    public boolean hasPayload() {
        return payload != null;
    }
}
