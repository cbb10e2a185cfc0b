package io.slotflow.engine.runner;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment a session's process gets: the engine's own, without Slotflow's variables, then
 * the plan's {@code env}, then the session's {@code SLOTFLOW_*} variables.
 *
 * <p>{@code SLOTFLOW_} is Slotflow's namespace, and what the engine inherits in it is Slotflow's
 * own configuration — the journal's credentials ({@code SLOTFLOW_JOURNAL_USER},
 * {@code SLOTFLOW_JOURNAL_PASSWORD}), database URLs that may carry a password, JVM options, and
 * when Slotflow runs inside another Slotflow session, that session's ids and tokens. None of it is
 * the session's business, and a session that prints its environment would write it to a log, so
 * none of it is passed on. Everything else (PATH, HOME, an agent's API keys) is.
 */
final class SessionEnvironment {

    static final String NAMESPACE = "SLOTFLOW_";

    private SessionEnvironment() {
    }

    /**
     * @param inherited the engine's environment
     * @param plan the node's {@code env} from the plan
     * @param session the variables the engine sets for this session
     */
    static Map<String, String> of(Map<String, String> inherited, Map<String, String> plan, Map<String, String> session) {
        Map<String, String> env = new HashMap<>();
        inherited.forEach((name, value) -> {
            if (!name.startsWith(NAMESPACE)) {
                env.put(name, value);
            }
        });
        env.putAll(plan);
        env.putAll(session);
        return env;
    }
}
