package io.slotflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersistenceIdsTest {

    @Test
    void theWrittenOutPrefixIsPekkosOwn() {
        assertThat(PersistenceIds.slotManager("run-1").id()).isEqualTo(PersistenceIds.SLOT_MANAGER_PREFIX + "run-1");
    }

    @Test
    void aSlotManagersIdNamesItsRunAndNoOtherIdDoes() {
        assertThat(PersistenceIds.runOfSlotManager(PersistenceIds.slotManager("a-b").id())).isEqualTo("a-b");
        assertThat(PersistenceIds.runOfSlotManager(PersistenceIds.spec("run-1", "s").id())).isNull();
        assertThat(PersistenceIds.runOfSlotManager(PersistenceIds.reviewInjector("run-1").id())).isNull();
    }
}
