package io.slotflow.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server tests run against: {@code .ci/run} starts one with {@code .ci/postgres}
 * and sets {@code SLOTFLOW_TEST_POSTGRES_URL}. Without it the tests are skipped with a message
 * (never passed silently); with {@code SLOTFLOW_REQUIRE_POSTGRES} set, as in CI, they fail instead.
 */
public final class TestPostgres {

    private static final String URL_VARIABLE = "SLOTFLOW_TEST_POSTGRES_URL";

    private TestPostgres() {
    }

    /** The journal settings for the test server, or the test is skipped (or fails in CI). */
    public static JournalSettings settings() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String why = "no PostgreSQL server for this test: set " + URL_VARIABLE
                    + " (.ci/postgres start prints one; .ci/run does it)";
            if (System.getenv("SLOTFLOW_REQUIRE_POSTGRES") != null) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        return JournalSettings.fromUrl(url, java.util.Map.of(), 4);
    }

    /** Takes the server away (as an outage would). */
    public static void stop() {
        control("stop");
    }

    /** Brings it back. */
    public static void start() {
        control("start");
    }

    private static void control(String what) {
        Path script = Path.of("..", ".ci", "postgres").toAbsolutePath().normalize();
        try {
            Process p = new ProcessBuilder("bash", script.toString(), what).inheritIO().start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(".ci/postgres " + what + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean scriptExists() {
        return Files.exists(Path.of("..", ".ci", "postgres"));
    }
}
