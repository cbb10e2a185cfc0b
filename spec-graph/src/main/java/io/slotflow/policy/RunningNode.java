package io.slotflow.policy;

import io.slotflow.footprint.CompiledFootprint;

/** A node holding a slot, as the policy sees it. */
public record RunningNode(String id, int classIndex, CompiledFootprint footprint) {
}
