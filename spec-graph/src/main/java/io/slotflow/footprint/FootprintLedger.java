package io.slotflow.footprint;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who holds which token right now: the footprints of the running nodes. Answers "may this
 * footprint start?" in time proportional to its own tokens, whatever the number of running nodes.
 *
 * <p>Mutable and not thread-safe: a dispatch decision builds one from the running nodes and adds
 * each node it starts.
 */
public final class FootprintLedger {

    private int[] readers = new int[16];
    private int[] writers = new int[16];
    private String[] holder = new String[16];
    private int holders;
    private String catchAllHolder;

    /** Records that {@code node} now holds {@code footprint}. */
    public void acquire(String node, CompiledFootprint footprint) {
        holders++;
        if (footprint.catchAll()) {
            catchAllHolder = node;
            return;
        }
        ensureCapacity(footprint.maxTokenId());
        for (int t : footprint.reads()) {
            readers[t]++;
            if (holder[t] == null) {
                holder[t] = node;
            }
        }
        for (int t : footprint.writes()) {
            writers[t]++;
            holder[t] = node;
        }
    }

    /**
     * The node whose footprint conflicts with {@code footprint}, or null when it may start.
     * Only one holder is named when several conflict.
     */
    public Optional<String> holderOfConflict(CompiledFootprint footprint) {
        return Optional.ofNullable(conflictingHolder(footprint));
    }

    private String conflictingHolder(CompiledFootprint footprint) {
        if (holders == 0) {
            return null;
        }
        if (catchAllHolder != null) {
            return catchAllHolder;
        }
        if (footprint.catchAll()) {
            return anyHolder();
        }
        for (int t : footprint.writes()) {
            if (t < readers.length && (readers[t] > 0 || writers[t] > 0)) {
                return holder[t];
            }
        }
        for (int t : footprint.reads()) {
            if (t < writers.length && writers[t] > 0) {
                return holder[t];
            }
        }
        return null;
    }

    private String anyHolder() {
        for (String h : holder) {
            if (h != null) {
                return h;
            }
        }
        return "?";
    }

    private void ensureCapacity(int maxToken) {
        if (maxToken >= readers.length) {
            int size = Math.max(maxToken + 1, readers.length * 2);
            readers = Arrays.copyOf(readers, size);
            writers = Arrays.copyOf(writers, size);
            holder = Arrays.copyOf(holder, size);
        }
    }
}
