package io.slotflow.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline page in a real browser: headless Chromium (Debian's {@code chromium}), offline,
 * with a fresh profile. The rendered DOM must hold one bar per session, with its class, laid out
 * by the page's own script. Without Chromium the test is skipped with a message, unless
 * {@code SLOTFLOW_REQUIRE_BROWSER} is set (as {@code .ci/run} does), when it fails.
 */
class TimelineInBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("SLOTFLOW_CHROMIUM", "/usr/bin/chromium"));

    @TempDir
    Path dir;

    @Test
    void theRenderedPageHasOneBarPerSessionWithItsClass() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            String why = "Chromium not found at " + CHROMIUM + ": the browser test did not run (apt-get install chromium)";
            assertThat(System.getenv("SLOTFLOW_REQUIRE_BROWSER")).as(why).isNull();
            Assumptions.abort(why);
        }
        Path page = dir.resolve("timeline.html");
        Files.writeString(page, TimelineHtml.render(Timeline.of(TimelineTest.flood())), StandardCharsets.UTF_8);

        String dom = chromium(page, "--dump-dom");
        List<String> bars = new ArrayList<>();
        Matcher rect = Pattern.compile("<rect class=\"bar (cls-[a-z_-]+) [^\"]*\"[^>]*?width=\"([0-9.]+)\"").matcher(dom);
        while (rect.find()) {
            bars.add(rect.group(1));
            assertThat(Double.parseDouble(rect.group(2))).as("laid out by the page's script").isGreaterThan(1.0);
        }
        assertThat(bars).hasSize(62);
        assertThat(bars).filteredOn("cls-implementation"::equals).hasSize(26);
        assertThat(bars).filteredOn("cls-review"::equals).hasSize(36);
        assertThat(dom).contains("<g class=\"marker marker-barrier\"").contains(">1.0×<");

        Path screenshot = Path.of("target/timeline-screenshot.png").toAbsolutePath();
        chromium(page, "--screenshot=" + screenshot, "--window-size=1400,520");
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private String chromium(Path page, String... what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(what));
        command.add(page.toUri().toString());
        Process chromium = new ProcessBuilder(command).redirectError(dir.resolve("chromium.err").toFile()).start();
        String out = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(chromium.exitValue()).as(Files.readString(dir.resolve("chromium.err"))).isZero();
        return out;
    }
}
