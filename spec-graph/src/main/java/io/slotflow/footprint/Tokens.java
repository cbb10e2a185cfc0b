package io.slotflow.footprint;

import java.util.regex.Pattern;

/** The syntax of footprint tokens, shared by validation and the parser. */
public final class Tokens {

    /**
     * A token is a path-like name: letters, digits and {@code . _ / - :}, starting with a letter or
     * digit; {@code {spec}} may appear in review-type footprints and is replaced by the reviewed spec.
     */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9{][A-Za-z0-9._/:{}-]*");

    private Tokens() {
    }

    public static boolean isWellFormed(String token) {
        if (token == null || token.isEmpty() || token.length() > 200 || !TOKEN.matcher(token).matches()) {
            return false;
        }
        String withoutPlaceholder = token.replace("{spec}", "");
        return withoutPlaceholder.indexOf('{') < 0 && withoutPlaceholder.indexOf('}') < 0;
    }
}
