package io.slotflow.server;

import io.slotflow.persistence.OwnerOnly;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer token every API request must carry. Generated on first start into the state
 * directory, readable by its owner only (0600), and read back on later starts; or set by the operator.
 */
public final class ApiToken {

    /** The file in the state directory that holds a generated token. */
    public static final String FILE_NAME = "api-token";
    private static final int MIN_LENGTH = 16;

    private final byte[] token;

    private ApiToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** A token the operator chose (at least 16 characters, no whitespace). */
    public static ApiToken of(String token) {
        if (token.length() < MIN_LENGTH || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the API token must be at least " + MIN_LENGTH
                    + " characters without spaces");
        }
        return new ApiToken(token);
    }

    /** The token in {@code stateDirectory}, generated (32 random bytes, hex) when there is none yet. */
    public static ApiToken inStateDirectory(Path stateDirectory) throws IOException {
        Path file = stateDirectory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            OwnerOnly.restrictFile(file);
            return of(Files.readString(file, StandardCharsets.UTF_8).strip());
        }
        OwnerOnly.createDirectories(stateDirectory);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        try (OutputStream out = OwnerOnly.newOutputStream(file)) {
            out.write((token + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return of(token);
    }

    /** Whether an {@code Authorization} header value names this token (compared in constant time). */
    public boolean admits(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    /** The {@code Authorization} header value a client sends. */
    public String header() {
        return "Bearer " + new String(token, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }
}
