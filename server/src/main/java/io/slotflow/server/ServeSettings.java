package io.slotflow.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How the API listens.
 *
 * @param host the address to bind; loopback unless the operator asks for another
 * @param port the port; 0 picks a free one
 * @param token what each request must carry
 * @param maxBodyBytes the largest request body accepted (a plan included)
 * @param stopGrace on stop, how long running sessions may finish before they are cancelled
 */
public record ServeSettings(String host, int port, ApiToken token, long maxBodyBytes, Duration stopGrace) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;

    public ServeSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    /** Loopback, the given port, a 1 MiB body limit, 30 s to finish on stop. */
    public static ServeSettings loopback(int port, ApiToken token) {
        return new ServeSettings(LOOPBACK, port, token, DEFAULT_MAX_BODY, Duration.ofSeconds(30));
    }

    public ServeSettings withStopGrace(Duration grace) {
        return new ServeSettings(host, port, token, maxBodyBytes, grace);
    }

    public ServeSettings withMaxBodyBytes(long max) {
        return new ServeSettings(host, port, token, max, stopGrace);
    }
}
