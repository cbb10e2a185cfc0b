package io.slotflow.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The terminal's rows and columns, so the live view fits the screen. Java cannot ask the terminal
 * itself: {@code stty size} on {@code /dev/tty} can, and is asked again every few seconds (a
 * resized window); without a terminal, {@code LINES}/{@code COLUMNS} or 24 × 80.
 */
record TerminalSize(int rows, int columns) {

    static final TerminalSize DEFAULT = new TerminalSize(24, 80);
    private static final Duration ASK_EVERY = Duration.ofSeconds(2);

    TerminalSize {
        rows = Math.max(4, rows);
        columns = Math.max(20, columns);
    }

    /** The size now, asked of the terminal at most every two seconds. */
    static Supplier<TerminalSize> ofThisTerminal(Clock clock) {
        return new Supplier<>() {
            private TerminalSize last;
            private Instant askedAt;

            @Override
            public synchronized TerminalSize get() {
                Instant now = clock.instant();
                if (last == null || Duration.between(askedAt, now).compareTo(ASK_EVERY) >= 0) {
                    last = ask();
                    askedAt = now;
                }
                return last;
            }
        };
    }

    private static TerminalSize ask() {
        try {
            Process stty = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            String answer = new String(stty.getInputStream().readAllBytes()).strip();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0 && answer.matches("\\d+ \\d+")) {
                String[] parts = answer.split(" ");
                return new TerminalSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (IOException e) {
            // no sh or no tty: fall back below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new TerminalSize(number(System.getenv("LINES"), DEFAULT.rows()),
                number(System.getenv("COLUMNS"), DEFAULT.columns()));
    }

    private static int number(String text, int otherwise) {
        return text != null && text.matches("\\d{1,5}") ? Integer.parseInt(text) : otherwise;
    }
}
