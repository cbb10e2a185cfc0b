package io.slotflow.persistence;

import io.slotflow.event.EventCodec;
import io.slotflow.event.RunEvent;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Stores Slotflow's events as JSON under a manifest {@code <type-name>/<version>} (see
 * {@link EventCodec}), so that a journal never depends on Java class names and old events stay
 * readable (docs/events.md).
 */
public final class RunEventSerializer extends SerializerWithStringManifest {

    /** Unique among the serializers of an actor system; never change it, journals store it. */
    public static final int IDENTIFIER = 7301;

    private final EventCodec codec = EventCodec.standard();

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        return codec.manifest((RunEvent) o);
    }

    @Override
    public byte[] toBinary(Object o) {
        return codec.toBytes((RunEvent) o);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) {
        return codec.fromBytes(bytes, manifest);
    }
}
