package io.slotflow.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * A category of work declared under {@code categories:}: its target share of the slot time and how
 * its sessions may run. Nodes name their category with {@code category:}; a label no entry declares
 * is a category with every default.
 *
 * @param name the label nodes give in {@code category}
 * @param share the target fraction of slot time, above 0 and at most 1; {@link #NO_SHARE} (0) when
 *     not given: such categories split what the declared shares leave
 * @param parallel false when no two sessions of the category may run at once
 * @param respawn whether a productive session is followed by one more of the same node
 * @param cooldown how long the category is offered no slot after {@code cooldownAfter} NOOP
 *     sessions in a row; {@link Duration#ZERO} when it never cools down
 * @param cooldownAfter how many NOOP sessions in a row start a cooldown
 */
public record Category(String name, double share, boolean parallel, Respawn respawn, Duration cooldown,
        int cooldownAfter) {

    /** The share of a category that gave none. */
    public static final double NO_SHARE = 0;
    /** NOOP sessions in a row that start a cooldown when {@code cooldown-after} is not given. */
    public static final int DEFAULT_COOLDOWN_AFTER = 3;

    public Category {
        Objects.requireNonNull(name, "name");
        respawn = respawn == null ? Respawn.NEVER : respawn;
        cooldown = cooldown == null ? Duration.ZERO : cooldown;
        cooldownAfter = cooldownAfter == 0 ? DEFAULT_COOLDOWN_AFTER : cooldownAfter;
    }

    /** A category with every default: no share, runs in parallel, never respawns, never cools down. */
    public static Category plain(String name) {
        return new Category(name, NO_SHARE, true, Respawn.NEVER, Duration.ZERO, DEFAULT_COOLDOWN_AFTER);
    }

    public boolean hasShare() {
        return share > 0;
    }

    public boolean coolsDown() {
        return !cooldown.isZero();
    }
}
