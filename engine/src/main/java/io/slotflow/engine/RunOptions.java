package io.slotflow.engine;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to run a plan.
 *
 * @param runId names the run in the journal; running a plan under an existing run id resumes it
 * @param planDirectory relative working directories resolve against it (the plan file's directory)
 */
public record RunOptions(String runId, Path planDirectory) {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public RunOptions {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(planDirectory, "planDirectory");
        if (!isValidRunId(runId)) {
            throw new IllegalArgumentException("run id '" + runId + "' is not safe as a file name: use letters, "
                    + "digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters");
        }
    }

    public static boolean isValidRunId(String runId) {
        return RUN_ID.matcher(runId).matches() && !runId.contains("..");
    }

    /**
     * A fresh run id for a plan: its name and the local time, e.g. {@code hello-20261124-101500};
     * always a valid run id, whatever the name ({@code my..plan} gives {@code my.plan-…}).
     */
    public static String newRunId(String planName, LocalDateTime now) {
        String base = planName.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("\\.{2,}", ".");
        if (base.isEmpty() || !Character.isLetterOrDigit(base.charAt(0))) {
            base = "run" + base;
        }
        if (base.length() > 80) {
            base = base.substring(0, 80);
        }
        return base + "-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
