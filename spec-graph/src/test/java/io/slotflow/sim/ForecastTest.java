package io.slotflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.plan.PlanParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * hello.yaml on K = 2, simulated: greet and count end at 1 s, gather at 1.5 s, publish at 2 s.
 * Each case: nodes done, time since the latest ended → what the forecast says is left.
 */
class ForecastTest {

    private static final Forecast HELLO = Forecast.of(PlanParser.parse(Path.of("../docs/examples/hello.yaml")));

    private static Optional<Duration> left(int done, long sinceLatestMillis) {
        return HELLO.remaining(done, Duration.ofMillis(sinceLatestMillis));
    }

    @Test
    void atTheStartTheWholeSimulatedRunIsLeft() {
        assertThat(left(0, 0)).contains(Duration.ofSeconds(2));
    }

    @Test
    void timeRunningCountsDownUntilTheSimulationsNextEnding() {
        assertThat(left(0, 400)).contains(Duration.ofMillis(1600));
        assertThat(left(2, 200)).contains(Duration.ofMillis(800));
    }

    @Test
    void aSessionLongerThanItsEstimateHoldsTheForecastAtTheNextEnding() {
        assertThat(left(0, 5_000)).contains(Duration.ofSeconds(1));
        assertThat(left(3, 9_000)).contains(Duration.ZERO);
    }

    @Test
    void eachNodeDoneJumpsToTheSimulationsTimeAfterAsManyEndings() {
        assertThat(left(1, 0)).contains(Duration.ofSeconds(1));
        assertThat(left(2, 0)).contains(Duration.ofSeconds(1));
        assertThat(left(3, 0)).contains(Duration.ofMillis(500));
        assertThat(left(4, 0)).contains(Duration.ZERO);
    }

    @Test
    void moreNodesDoneThanTheSimulationEndedHasNoForecast() {
        assertThat(left(5, 0)).isEmpty();
    }
}
