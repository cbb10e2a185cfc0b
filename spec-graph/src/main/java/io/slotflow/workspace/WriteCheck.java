package io.slotflow.workspace;

import io.slotflow.footprint.Footprint;
import java.util.List;

/**
 * Compares the files a session changed (its observed footprint) with the {@code writes} it
 * declared. In a git workspace a write token is a path prefix that covers whole path segments:
 * {@code src/parser} covers {@code src/parser} and {@code src/parser/Lexer.java}, not
 * {@code src/parser2}. A node without a footprint holds the catch-all token and may write anything.
 */
public final class WriteCheck {

    private WriteCheck() {
    }

    /** The changed files no declared write covers, in the order given. */
    public static List<String> undeclared(List<String> changedFiles, Footprint declared) {
        if (declared.writes().contains(Footprint.CATCH_ALL)) {
            return List.of();
        }
        return changedFiles.stream().filter(f -> declared.writes().stream().noneMatch(t -> covers(t, f))).toList();
    }

    static boolean covers(String token, String file) {
        String prefix = token.endsWith("/") ? token.substring(0, token.length() - 1) : token;
        return file.equals(prefix) || file.startsWith(prefix + "/");
    }
}
