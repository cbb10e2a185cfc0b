package io.slotflow.engine.runner;

import io.slotflow.graph.NodeDef;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a runner is asked to run: one attempt of one node.
 *
 * @param runId the run
 * @param node the node, with its command, workdir and environment from the plan
 * @param attempt the attempt number, from 1
 * @param workClass the node's class
 * @param planDirectory the directory relative workdirs resolve against
 * @param logDirectory where this run's session logs go ({@code .slotflow/runs/<run>/logs})
 * @param environment the variables Slotflow adds: {@code SLOTFLOW_RUN}, {@code SLOTFLOW_SPEC},
 *     {@code SLOTFLOW_NODE}, {@code SLOTFLOW_ATTEMPT}, {@code SLOTFLOW_CLASS} and, for reviews,
 *     {@code SLOTFLOW_REVIEWED_SPECS}
 * @param heartbeat call it whenever the session shows a sign of life (output); cheap and thread-safe
 * @param workspace the run's git target when the node's class works in a git workspace: the engine's
 *     runner then gives the attempt its own worktree and merges its branch (see
 *     {@link io.slotflow.engine.git.GitWorkspaceRunner}); a runner of its own may ignore it
 * @param drift call it when the target branch moved under the session over files it touches (a git
 *     workspace's runner does); the engine journals it; thread-safe
 * @param queued call it when the session has ended and its branch enters the merge queue (a git
 *     workspace's runner does): the engine frees the session's slot, and the result follows once the
 *     queue is done with the branch; thread-safe
 */
public record SessionRequest(
        String runId,
        NodeDef node,
        int attempt,
        String workClass,
        Path planDirectory,
        Path logDirectory,
        Map<String, String> environment,
        Runnable heartbeat,
        java.util.Optional<io.slotflow.engine.git.GitTarget> workspace,
        java.util.function.Consumer<io.slotflow.workspace.Drift> drift,
        java.util.function.Consumer<QueuedBranch> queued) {

    public SessionRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(workClass, "workClass");
        Objects.requireNonNull(planDirectory, "planDirectory");
        Objects.requireNonNull(logDirectory, "logDirectory");
        environment = Map.copyOf(environment);
        heartbeat = heartbeat == null ? () -> { } : heartbeat;
        workspace = workspace == null ? java.util.Optional.empty() : workspace;
        drift = drift == null ? d -> { } : drift;
        queued = queued == null ? q -> { } : queued;
    }

    /** A branch that entered the merge queue: the commits on it and the files they change. */
    public record QueuedBranch(String branch, int commits, java.util.List<String> files) {
        public QueuedBranch {
            files = java.util.List.copyOf(files);
        }
    }

    /** A session whose branch's entry into the merge queue no one hears. */
    public SessionRequest(String runId, NodeDef node, int attempt, String workClass, Path planDirectory,
            Path logDirectory, Map<String, String> environment, Runnable heartbeat,
            java.util.Optional<io.slotflow.engine.git.GitTarget> workspace,
            java.util.function.Consumer<io.slotflow.workspace.Drift> drift) {
        this(runId, node, attempt, workClass, planDirectory, logDirectory, environment, heartbeat, workspace, drift,
                null);
    }

    /** A session whose drift no one hears. */
    public SessionRequest(String runId, NodeDef node, int attempt, String workClass, Path planDirectory,
            Path logDirectory, Map<String, String> environment, Runnable heartbeat,
            java.util.Optional<io.slotflow.engine.git.GitTarget> workspace) {
        this(runId, node, attempt, workClass, planDirectory, logDirectory, environment, heartbeat, workspace, null,
                null);
    }

    /** A session in the plan's directories. */
    public SessionRequest(String runId, NodeDef node, int attempt, String workClass, Path planDirectory,
            Path logDirectory, Map<String, String> environment, Runnable heartbeat) {
        this(runId, node, attempt, workClass, planDirectory, logDirectory, environment, heartbeat,
                java.util.Optional.empty());
    }

    /**
     * The node's payload as {@code type} (a record, a map, a string…), read from the JSON the plan
     * holds with the journal's Jackson mapper; empty when the node carries none. Throws
     * {@link IllegalArgumentException} when the JSON does not fit {@code type}.
     */
    public <P> java.util.Optional<P> payload(Class<P> type) {
        com.fasterxml.jackson.databind.JsonNode json = node.command().payload();
        if (json == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(io.slotflow.event.EventCodec.mapper().treeToValue(json, type));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the payload of node " + node.id() + " is not a "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The same request, run in {@code directory} with {@code extra} variables. */
    public SessionRequest in(Path directory, Map<String, String> extra) {
        Map<String, String> env = new java.util.LinkedHashMap<>(environment);
        env.putAll(extra);
        return new SessionRequest(runId, node, attempt, workClass, directory, logDirectory, env, heartbeat, workspace,
                drift, queued);
    }

    /**
     * The variables of a retry: how the node's last earlier session ended ({@code SLOTFLOW_PREVIOUS_OUTCOME},
     * {@code SLOTFLOW_PREVIOUS_ATTEMPT}) and where its output is ({@code SLOTFLOW_PREVIOUS_LOG} for stdout,
     * {@code SLOTFLOW_PREVIOUS_ERR} for stderr), so that it can pick up where that one stopped.
     */
    public static Map<String, String> environmentFor(String runId, NodeDef node, int attempt,
            java.util.Optional<io.slotflow.core.PreviousAttempt> previous, Path logDirectory) {
        Map<String, String> env = environmentFor(runId, node, attempt);
        previous.ifPresent(p -> {
            String base = logFileBase(node, p.attempt());
            env.put("SLOTFLOW_PREVIOUS_OUTCOME", p.outcome().name());
            env.put("SLOTFLOW_PREVIOUS_ATTEMPT", Integer.toString(p.attempt()));
            env.put("SLOTFLOW_PREVIOUS_LOG", logDirectory.resolve(base + ".out").toString());
            env.put("SLOTFLOW_PREVIOUS_ERR", logDirectory.resolve(base + ".err").toString());
        });
        return env;
    }

    /** The name an attempt's log files share, before {@code .out} and {@code .err}. */
    public static String logFileBase(NodeDef node, int attempt) {
        return node.id() + ".attempt-" + attempt;
    }

    /** The variables Slotflow gives every session of this node and attempt. */
    public static Map<String, String> environmentFor(String runId, NodeDef node, int attempt) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("SLOTFLOW_RUN", runId);
        env.put("SLOTFLOW_SPEC", node.spec());
        env.put("SLOTFLOW_NODE", node.id());
        env.put("SLOTFLOW_ATTEMPT", Integer.toString(attempt));
        env.put("SLOTFLOW_CLASS", node.workClass());
        if (!node.reviewedSpecs().isEmpty()) {
            env.put("SLOTFLOW_REVIEWED_SPECS", String.join(" ", node.reviewedSpecs()));
        }
        return env;
    }
}
