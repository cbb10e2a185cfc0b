package io.slotflow.plan;

/**
 * One thing wrong with a plan, where it is, and what: printed as one line,
 * {@code plan.yaml:12:7: spec 91, group 0: unknown dependency '3'}.
 *
 * @param file the plan's name as given
 * @param line 1-based, or 0 when unknown
 * @param column 1-based, or 0 when unknown
 * @param where the spec, group, class, review type or barrier concerned, e.g. {@code spec 91, group 0}; may be empty
 * @param message what is wrong
 */
public record PlanProblem(String file, int line, int column, String where, String message) {

    /**
     * Long ids (an absurd plan may hold ten thousand characters of one) are cut to keep lines
     * readable; control and bidirectional characters are escaped ({@link Printable}).
     */
    private static final int MAX_WHERE = 80;
    private static final int MAX_MESSAGE = 300;

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(Printable.escape(file));
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        out.append(": ");
        if (!where.isEmpty()) {
            out.append(cut(Printable.escape(where), MAX_WHERE)).append(": ");
        }
        return out.append(cut(Printable.escape(message), MAX_MESSAGE)).toString();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
