package io.slotflow.cli;

import io.slotflow.plan.Printable;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Everything the CLI prints goes through one of these: ids, names, categories and messages that
 * come from a plan or a journal have their control, bidirectional and other invisible characters
 * escaped ({@link Printable}), wherever they are printed. Only the live view's own cursor movements
 * pass as they are, through {@link #control}.
 */
final class TerminalWriter extends PrintWriter {

    private final PrintWriter raw;

    private TerminalWriter(PrintWriter raw) {
        super(new Escaping(raw), true);
        this.raw = raw;
    }

    static PrintWriter wrap(PrintWriter out) {
        return out instanceof TerminalWriter ? out : new TerminalWriter(out);
    }

    /** Writes a terminal control sequence of the CLI's own, unescaped. */
    static void control(PrintWriter out, String sequence) {
        if (out instanceof TerminalWriter t) {
            t.flush();
            t.raw.print(sequence);
            t.raw.flush();
        } else {
            out.print(sequence);
        }
    }

    private static final class Escaping extends Writer {
        private final Writer out;

        Escaping(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws java.io.IOException {
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                char c = buf[i];
                if (c != '\n' && c != '\t' && Printable.isUnsafe(c)) { // tabs only move the cursor right
                    out.write(buf, start, i - start);
                    StringBuilder escaped = new StringBuilder(6);
                    Printable.append(escaped, c);
                    out.write(escaped.toString());
                    start = i + 1;
                }
            }
            out.write(buf, start, end - start);
        }

        @Override
        public void flush() throws java.io.IOException {
            out.flush();
        }

        @Override
        public void close() throws java.io.IOException {
            out.close();
        }
    }
}
