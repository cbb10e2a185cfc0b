package io.slotflow.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The training run of {@code ./slotflow}'s class-data-sharing archive (docs/operations.md#read-commands-are-cheap):
 * every read command on one run, in one JVM, so that the archive made at its exit holds the classes
 * each of them loads — one command alone would leave out what only the others load. Not a command:
 * the launcher runs it as {@code java -cp slotflow.jar io.slotflow.cli.CdsTraining STATE_DIR RUN_ID}.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: CdsTraining STATE_DIR RUN_ID");
            System.exit(ExitCode.INVALID);
        }
        String[] journal = {"--state-dir", args[0]};
        String[][] reads = {
            {"runs"},
            {"status", "--run-id", args[1]},
            {"stats", "--run-id", args[1]},
            {"verify", "--run-id", args[1]},
            {"replay", "--run-id", args[1]},
            {"timeline", "--run-id", args[1], "--csv", "-"},
        };
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true);
        for (String[] read : reads) {
            String[] line = java.util.stream.Stream.concat(java.util.Arrays.stream(read), java.util.Arrays.stream(journal))
                    .toArray(String[]::new);
            int exit = Main.execute(line, nowhere, new PrintWriter(System.err, true));
            if (exit != ExitCode.OK) {
                System.err.println("slotflow: the training's " + read[0] + " exited " + exit);
                System.exit(exit);
            }
        }
        System.exit(ExitCode.OK);
    }
}
