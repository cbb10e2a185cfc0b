package io.slotflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.policy.SlotNeedForecast.Ending;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlotNeedForecastTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                named("nothing running: nothing higher can come", 0, List.of(), SlotNeed.NEVER),
                named("ends that release nothing higher never need the slot",
                        0, List.of(new Ending(100, 0), new Ending(200, 0)), SlotNeed.NEVER),
                named("a chain's next step takes its predecessor's slot",
                        0, List.of(new Ending(100, 1), new Ending(300, 1)), SlotNeed.NEVER),
                named("a fan-out of two needs the lent slot when it fans out",
                        0, List.of(new Ending(100, 1), new Ending(300, 2)), new SlotNeed(300)),
                named("a slot still free after the loan absorbs one more node",
                        1, List.of(new Ending(300, 2)), SlotNeed.NEVER),
                named("a slot freed earlier absorbs a later need",
                        0, List.of(new Ending(50, 0), new Ending(300, 2)), SlotNeed.NEVER),
                named("ends at one moment free their slots before their work takes them",
                        0, List.of(new Ending(300, 1), new Ending(300, 1)), SlotNeed.NEVER),
                named("the earliest shortfall is the need, whatever the order given",
                        0, List.of(new Ending(500, 3), new Ending(200, 2)), new SlotNeed(200)));
    }

    private static Arguments named(String name, int freeAfterLoan, List<Ending> endings, SlotNeed expected) {
        return Arguments.of(Named.of(name, freeAfterLoan), endings, expected);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void earliestNeed(int freeAfterLoan, List<Ending> endings, SlotNeed expected) {
        assertThat(SlotNeedForecast.earliestNeed(freeAfterLoan, endings)).isEqualTo(expected);
    }
}
