package io.slotflow.engine.git;

import java.util.List;

/** File lists in one line: the first few, then how many more. */
final class Names {

    private static final int SHOWN = 5;

    private Names() {
    }

    static String some(List<String> names) {
        if (names.size() <= SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more";
    }
}
