package io.slotflow.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionEnvironmentTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the journal's credentials are left out",
                        Map.of("SLOTFLOW_JOURNAL_USER", "flow", "SLOTFLOW_JOURNAL_PASSWORD", "hunter2", "PATH", "/bin"),
                        Map.of(), Map.of(), Map.of("PATH", "/bin")),
                Arguments.of("so is every other inherited SLOTFLOW_ variable (URLs, JVM options, an outer run's ids)",
                        Map.of("SLOTFLOW_TEST_POSTGRES_URL", "jdbc:postgresql://h/db?password=x",
                                "SLOTFLOW_JAVA_OPTS", "-Dsecret=1", "SLOTFLOW_RUN", "outer", "HOME", "/root"),
                        Map.of(), Map.of("SLOTFLOW_RUN", "inner"), Map.of("HOME", "/root", "SLOTFLOW_RUN", "inner")),
                Arguments.of("other variables are passed on, an agent's keys among them",
                        Map.of("AGENT_API_KEY", "k", "SLOTFLOWISH", "x"), Map.of(), Map.of(),
                        Map.of("AGENT_API_KEY", "k", "SLOTFLOWISH", "x")),
                Arguments.of("the plan's env overrides the engine's, and the session's variables override both",
                        Map.of("MODE", "engine"), Map.of("MODE", "plan", "SLOTFLOW_NODE", "from-plan"),
                        Map.of("SLOTFLOW_NODE", "a:0"), Map.of("MODE", "plan", "SLOTFLOW_NODE", "a:0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSessionsEnvironment(String name, Map<String, String> inherited, Map<String, String> plan,
            Map<String, String> session, Map<String, String> expected) {
        assertThat(SessionEnvironment.of(inherited, plan, session)).isEqualTo(expected);
    }
}
