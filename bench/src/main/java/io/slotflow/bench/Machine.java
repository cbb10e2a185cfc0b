package io.slotflow.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** What the numbers were measured on, for the report's header. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + Math.round(memory / (1024.0 * 1024 * 1024)) + " GiB memory, " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version");
    }

    static String date() {
        return LocalDate.now().toString();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }
}
