package io.slotflow.policy;

/**
 * The earliest moment higher-ranked work is predicted to need a slot lent now, or never.
 *
 * @param atMillis epoch (or virtual) ms; {@link Long#MAX_VALUE} for never
 */
public record SlotNeed(long atMillis) {

    /** Nothing higher-ranked is predicted to need the slot. */
    public static final SlotNeed NEVER = new SlotNeed(Long.MAX_VALUE);

    public boolean never() {
        return atMillis == Long.MAX_VALUE;
    }

    /** True when a loan that ends at {@code endMillis} gives the slot back in time. */
    public boolean allowsLoanUntil(long endMillis) {
        return endMillis <= atMillis;
    }
}
