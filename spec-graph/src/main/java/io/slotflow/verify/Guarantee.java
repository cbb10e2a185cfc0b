package io.slotflow.verify;

/** The promises the engine makes about every run (DESIGN.md), each checked from the events alone. */
public enum Guarantee {
    CAPACITY("never more than K sessions running"),
    QUOTA("never more sessions of a class than its quota, except a borrowed start while no higher-ranked work was ready"),
    FOOTPRINT("no two running sessions with conflicting footprints"),
    DEPENDENCIES("no session starts before all of its node's dependencies completed"),
    READY_BEFORE_DISPATCH("a node is dispatched only for an attempt it was made ready for, into a free slot, "
            + "not before its retry wait ended"),
    FINAL_OUTCOME("every node reaches exactly one final outcome"),
    RUN_AFTER_SUCCESS("a node that succeeded never runs again, and none succeeds without a session"),
    TIMEOUT("no session outlives its class's timeout by more than the kill grace"),
    DECLARED_WRITES("a session in a git workspace changes only files its declared writes cover, and no two sessions "
            + "that ran at the same time change the same file"),
    CATEGORY_ALONE("no two sessions of a category declared parallel: false run at once"),
    RANK_ORDER("no node starts while a node of a higher-ranked class waits that could have taken its slot "
            + "(from the reasons the journal records; runs written before queue-decided existed are not checked)"),
    WAIT_REASON("every wait reason the journal records was possible when it was recorded"),
    RESOURCE_CAPACITY("the running sessions never use more units of a counted resource than its capacity"),
    CANCEL_HOLDS("a node an operator cancelled is never dispatched again, unless a retry reopens it");

    private final String promise;

    Guarantee(String promise) {
        this.promise = promise;
    }

    public String promise() {
        return promise;
    }

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
