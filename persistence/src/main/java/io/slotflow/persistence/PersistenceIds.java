package io.slotflow.persistence;

import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * The persistence ids and the tag of a run's entities. Run and spec ids never contain {@code |}
 * or {@code ,} (validation keeps them file-name safe), so these parse back unambiguously.
 */
public final class PersistenceIds {

    public static final String SLOT_MANAGER = "SlotManager";
    public static final String SPEC = "Spec";
    public static final String REVIEW_INJECTOR = "ReviewInjector";

    private PersistenceIds() {
    }

    public static PersistenceId slotManager(String runId) {
        return PersistenceId.of(SLOT_MANAGER, runId);
    }

    public static PersistenceId spec(String runId, String specId) {
        return PersistenceId.of(SPEC, runId + ":" + specId);
    }

    public static PersistenceId reviewInjector(String runId) {
        return PersistenceId.of(REVIEW_INJECTOR, runId);
    }

    /** Every event of a run carries this tag, so the whole run reads back in journal order. */
    public static String runTag(String runId) {
        return "run:" + runId;
    }

    /** The run id of a slot manager's persistence id, or null for any other entity. */
    public static String runOfSlotManager(String persistenceId) {
        return persistenceId.startsWith(SLOT_MANAGER_PREFIX) ? persistenceId.substring(SLOT_MANAGER_PREFIX.length()) : null;
    }

    /**
     * What every slot manager's persistence id starts with. Pekko's separator written out, so that
     * a read command (JournalTables) loads neither Pekko's PersistenceId nor the Scala library it
     * needs; PersistenceIdsTest checks it against {@link #slotManager}.
     */
    static final String SLOT_MANAGER_PREFIX = SLOT_MANAGER + "|";
}
