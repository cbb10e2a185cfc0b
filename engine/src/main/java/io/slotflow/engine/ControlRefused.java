package io.slotflow.engine;

import io.slotflow.core.Rejection;

/** A control request (pause, resume, resize, …) the run refused; nothing was journaled. */
public final class ControlRefused extends RuntimeException {

    private final Rejection kind;

    public ControlRefused(Rejection kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Rejection kind() {
        return kind;
    }
}
