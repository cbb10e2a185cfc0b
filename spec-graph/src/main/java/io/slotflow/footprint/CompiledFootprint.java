package io.slotflow.footprint;

/** A footprint with interned token ids (see {@link TokenTable}); arrays are never modified. */
public record CompiledFootprint(int[] reads, int[] writes, boolean catchAll) {

    public static final CompiledFootprint CATCH_ALL = new CompiledFootprint(new int[0], new int[0], true);

    public int maxTokenId() {
        int max = -1;
        for (int t : reads) {
            max = Math.max(max, t);
        }
        for (int t : writes) {
            max = Math.max(max, t);
        }
        return max;
    }
}
