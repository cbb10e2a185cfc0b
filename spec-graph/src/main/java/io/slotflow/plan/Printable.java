package io.slotflow.plan;

/**
 * Makes text from a plan or a journal — ids, names, categories, messages quoting them — safe to
 * print on a terminal: control characters (escape sequences, carriage returns, NUL…), Unicode
 * format characters (right-to-left and other bidirectional overrides, zero-width characters) and
 * line or paragraph separators are written as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX},
 * so a plan cannot recolour, move the cursor, rewrite or reorder what an operator reads. Everything
 * else, other scripts and emoji included, is left as it is.
 */
public final class Printable {

    private Printable() {
    }

    /** True when the character must not reach a terminal as it is. */
    public static boolean isUnsafe(char c) {
        if (c < 0x20 || c == 0x7F) {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** The text with every unsafe character escaped (the same text when there is none). */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !isUnsafe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            append(out, text.charAt(i));
        }
        return out.toString();
    }

    /** Appends one character, escaped when it is unsafe. */
    public static void append(StringBuilder out, char c) {
        if (!isUnsafe(c)) {
            out.append(c);
            return;
        }
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append(String.format("\\u%04X", (int) c));
        }
    }
}
