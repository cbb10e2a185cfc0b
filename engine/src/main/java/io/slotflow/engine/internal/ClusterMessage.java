package io.slotflow.engine.internal;

/**
 * Marks messages that may cross cluster members; they are serialized with Jackson (CBOR). Records
 * of plain values, plan records and actor references only.
 */
public interface ClusterMessage {
}
