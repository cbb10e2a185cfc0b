package io.slotflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.plan.Category;
import io.slotflow.plan.PlanParser;
import io.slotflow.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fields categories and respawns added: old events read as before, new ones round-trip. */
class RoutingEventsCodecTest {

    private final EventCodec codec = EventCodec.standard();

    @Test
    void aNodeReadyWrittenBeforeRespawnsExistedIsNoRespawn() {
        byte[] old = """
                {"node":"91:0","attempt":2,"failures":1,"at":"2026-01-01T00:00:00Z"}""".getBytes(StandardCharsets.UTF_8);
        assertThat(codec.fromBytes(old, "node-ready/1"))
                .isEqualTo(new NodeReady("91:0", 2, 1, Instant.parse("2026-01-01T00:00:00Z"), false));
    }

    @Test
    void aRespawnRoundTrips() {
        NodeReady respawn = new NodeReady("91:0", 2, 0, Instant.EPOCH, true);
        assertThat(codec.fromBytes(codec.toBytes(respawn), codec.manifest(respawn))).isEqualTo(respawn);
    }

    @Test
    void aPlanWithCategoriesRoundTripsInItsAcceptance() {
        Plan plan = PlanParser.parse("""
                categories:
                  fix: {share: 0.4, respawn: once, cooldown: 5m, cooldown-after: 2}
                  cleanup: {parallel: false}
                specs: [{id: a, command: 'true', category: fix}]
                """, "p.yaml");
        PlanAccepted accepted = new PlanAccepted("r", plan, "digest", Instant.EPOCH);
        PlanAccepted read = (PlanAccepted) codec.fromBytes(codec.toBytes(accepted), codec.manifest(accepted));
        assertThat(read.plan().categories()).isEqualTo(plan.categories());
        assertThat(read.plan().category("cleanup").parallel()).isFalse();
    }

    @Test
    void aPlanAcceptedBeforeCategoriesExistedHasNone() {
        Plan plan = PlanParser.parse("specs: [{id: a, command: 'true', category: fix}]", "p.yaml");
        PlanAccepted accepted = new PlanAccepted("r", plan, "digest", Instant.EPOCH);
        String json = new String(codec.toBytes(accepted), StandardCharsets.UTF_8).replace(",\"categories\":[]", "");
        assertThat(json).doesNotContain("categories");
        PlanAccepted read = (PlanAccepted) codec.fromBytes(json.getBytes(StandardCharsets.UTF_8),
                codec.manifest(accepted));
        assertThat(read.plan().categories()).isEmpty();
        assertThat(read.plan().category("fix")).isEqualTo(Category.plain("fix"));
    }
}
