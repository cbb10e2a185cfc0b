package io.slotflow.footprint;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The areas a node reads and writes. Two footprints conflict when they share a token and at least
 * one of them writes it. A node that declares nothing holds the catch-all write token {@code *}
 * and so runs alone. A category-scoped lock is an ordinary write token, {@code lock:<category>}.
 *
 * <p>Immutable; tokens are kept sorted and unique so that equal footprints are equal values.
 */
public record Footprint(List<String> reads, List<String> writes) {

    /** The token held by a node that declared no footprint: it conflicts with every other node. */
    public static final String CATCH_ALL = "*";

    private static final Footprint CATCH_ALL_FOOTPRINT = new Footprint(List.of(), List.of(CATCH_ALL));

    public Footprint {
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(writes, "writes");
        reads = List.copyOf(new TreeSet<>(reads));
        writes = List.copyOf(new TreeSet<>(writes));
    }

    public static Footprint of(List<String> reads, List<String> writes) {
        return reads.isEmpty() && writes.isEmpty() ? catchAll() : new Footprint(reads, writes);
    }

    public static Footprint catchAll() {
        return CATCH_ALL_FOOTPRINT;
    }

    @JsonIgnore
    public boolean isCatchAll() {
        return writes.contains(CATCH_ALL);
    }

    /** True when the two cannot run at the same time. */
    public boolean conflictsWith(Footprint other) {
        return conflictingToken(other) != null;
    }

    /** The first token that makes the two conflict, or null when they can run together. */
    public String conflictingToken(Footprint other) {
        if (isCatchAll() || other.isCatchAll()) {
            return CATCH_ALL;
        }
        for (String w : writes) {
            if (other.writes.contains(w) || other.reads.contains(w)) {
                return w;
            }
        }
        for (String r : reads) {
            if (other.writes.contains(r)) {
                return r;
            }
        }
        return null;
    }

    /** A copy with every {@code {spec}} placeholder replaced, as review types use it. */
    public Footprint forSpec(String spec) {
        return new Footprint(
                reads.stream().map(t -> t.replace("{spec}", spec)).toList(),
                writes.stream().map(t -> t.replace("{spec}", spec)).toList());
    }
}
