package io.slotflow.cli;

import io.slotflow.replay.Replay;
import io.slotflow.replay.Timeline;
import io.slotflow.replay.TimelineCsv;
import io.slotflow.replay.TimelineHtml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code slotflow timeline --html FILE | --csv FILE}: a run's timeline, drawn or tabulated. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Write a run's timeline: a self-contained HTML Gantt chart (opens offline) and/or CSV.")
final class TimelineCommand implements Callable<Integer> {

    @Mixin
    RunSelection selection;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML page here.")
    Path html;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one CSV row per session here ('-' for stdout).")
    String csv;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (html == null && csv == null) {
            throw new Main.UserError("say where to write the timeline: --html FILE and/or --csv FILE", ExitCode.INVALID);
        }
        try (Replay replay = selection.open()) {
            String runId = selection.resolve(replay);
            Timeline timeline = replay.timeline(runId);
            if (html != null) {
                write(html, TimelineHtml.render(timeline));
                spec.commandLine().getOut().printf("timeline of %s (%d sessions): %s%n", runId, timeline.bars().size(),
                        html.toAbsolutePath());
            }
            if (csv != null) {
                String rows = TimelineCsv.render(timeline);
                if (csv.equals("-")) {
                    spec.commandLine().getOut().print(rows);
                } else {
                    write(Path.of(csv), rows);
                    spec.commandLine().getOut().printf("timeline of %s as CSV: %s%n", runId, Path.of(csv).toAbsolutePath());
                }
            }
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    private static void write(Path file, String content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Main.UserError("cannot write " + file + ": " + e.getMessage(), ExitCode.INVALID);
        }
    }
}
