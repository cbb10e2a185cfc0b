package io.slotflow.policy;

/** Why a class at its quota may not borrow an idle slot. */
public enum LoanRefusal {
    CLASS_NEVER_BORROWS(""),
    FOLLOW_UPS_ON_THEIR_WAY("a finished session's follow-ups are on their way"),
    HIGHER_RANK_READY("higher-ranked work is ready"),
    HIGHER_RANK_DUE("higher-ranked work is due before it would end");

    private final String phrase;

    LoanRefusal(String phrase) {
        this.phrase = phrase;
    }

    /** For people, e.g. "higher-ranked work is ready". */
    public String phrase() {
        return phrase;
    }
}
