package io.slotflow.workspace;

import java.nio.charset.StandardCharsets;

/**
 * The branch an attempt works on: {@code slotflow/<run>/<node>/<attempt>}, each id escaped so that
 * any id (spaces, quotes, slashes, dots, non-ASCII) gives a valid ref name, and two different ids
 * never give the same one. Letters, digits, {@code -} and {@code _} stay; every other byte of the
 * id's UTF-8 becomes {@code %XX}. A segment thus never starts with a dot, never holds {@code ..},
 * {@code @{}, a control character or one of {@code ~^:?*[\}, and never ends in {@code .lock}.
 */
public final class BranchName {

    /** Every branch Slotflow creates starts with this. */
    public static final String PREFIX = "slotflow/";

    private BranchName() {
    }

    public static String of(String runId, String nodeId, int attempt) {
        return PREFIX + segment(runId) + "/" + segment(nodeId) + "/" + attempt;
    }

    /** One id as a ref-name segment; reversible, never empty. */
    static String segment(String id) {
        if (id.isEmpty()) {
            return "%";
        }
        StringBuilder out = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
