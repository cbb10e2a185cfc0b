package io.slotflow.event;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns events into JSON and back, under a manifest {@code <type-name>/<version>} that never names
 * a Java class. Reading an older version runs the registered {@link Upcaster}s first; a field an
 * old event lacks takes the default its record's constructor gives it (see docs/events.md).
 *
 * <p>Thread-safe once built.
 */
public final class EventCodec {

    /** Rewrites the JSON of one event type from {@code fromVersion} to {@code fromVersion + 1}. */
    @FunctionalInterface
    public interface Upcaster {
        ObjectNode upcast(ObjectNode json);
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            // after JavaTimeModule, so that it wins for Instant
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("slotflow-instants")
                    .addDeserializer(java.time.Instant.class, new IsoInstantDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private final Map<String, Class<? extends RunEvent>> byName = new HashMap<>();
    private final Map<Class<?>, EventType> typeOf = new HashMap<>();
    private final Map<String, Upcaster> upcasters = new HashMap<>();
    private final Map<String, Integer> currentVersions = new HashMap<>();

    private EventCodec() {
        for (Class<?> permitted : RunEvent.class.getPermittedSubclasses()) {
            EventType type = permitted.getAnnotation(EventType.class);
            if (type == null) {
                throw new IllegalStateException(permitted.getName() + " has no @EventType");
            }
            @SuppressWarnings("unchecked")
            Class<? extends RunEvent> eventClass = (Class<? extends RunEvent>) permitted;
            if (byName.put(type.name(), eventClass) != null) {
                throw new IllegalStateException("two events named " + type.name());
            }
            typeOf.put(permitted, type);
            currentVersions.put(type.name(), type.version());
        }
    }

    /** The codec for the events of this version of Slotflow, with the upcasters of older versions. */
    public static EventCodec standard() {
        return new EventCodec()
                // node-dispatched/2 added "borrowed"; every start before it was within its quota
                .withUpcaster("node-dispatched", 1, json -> json.deepCopy().put("borrowed", false))
                // session-started/2 names the git worktree a session ran in; before, none did
                .withUpcaster("session-started", 1, ObjectNode::deepCopy)
                // session-finished/2 may say CONFLICT and carry the git work; before, neither
                .withUpcaster("session-finished", 1, ObjectNode::deepCopy)
                // node-ready/2 added "notBefore" (a retry's backoff); every node ready before it could start at once
                .withUpcaster("node-ready", 1, json -> {
                    ObjectNode lifted = json.deepCopy();
                    lifted.set("notBefore", json.get("at"));
                    return lifted;
                });
    }

    /** A copy that also knows how to lift {@code typeName} from {@code fromVersion} to the next. */
    public EventCodec withUpcaster(String typeName, int fromVersion, Upcaster upcaster) {
        EventCodec codec = copy();
        codec.upcasters.put(typeName + "/" + fromVersion, upcaster);
        return codec;
    }

    /** A copy that treats {@code typeName}'s current version as {@code version} (to test upcasters). */
    EventCodec withCurrentVersion(String typeName, int version) {
        EventCodec codec = copy();
        codec.currentVersions.put(typeName, version);
        return codec;
    }

    private EventCodec copy() {
        EventCodec codec = new EventCodec();
        codec.upcasters.putAll(upcasters);
        codec.currentVersions.putAll(currentVersions);
        return codec;
    }

    /** The shared mapper that also reads and writes plans in events. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code <type-name>/<version>} of an event. */
    public String manifest(RunEvent event) {
        EventType type = typeOf.get(event.getClass());
        return type.name() + "/" + currentVersions.get(type.name());
    }

    public byte[] toBytes(RunEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + manifest(event), e);
        }
    }

    public RunEvent fromBytes(byte[] bytes, String manifest) {
        int slash = manifest.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("malformed event manifest: " + manifest);
        }
        String name = manifest.substring(0, slash);
        int version = Integer.parseInt(manifest.substring(slash + 1));
        Class<? extends RunEvent> eventClass = byName.get(name);
        if (eventClass == null) {
            throw new IllegalArgumentException("unknown event type: " + name);
        }
        int current = currentVersions.get(name);
        if (version > current) {
            throw new IllegalArgumentException(
                    "event " + name + " has version " + version + ", newer than this Slotflow reads (" + current + ")");
        }
        try {
            if (version == current) {
                return MAPPER.readValue(bytes, eventClass);
            }
            ObjectNode json = (ObjectNode) MAPPER.readTree(bytes);
            for (int v = version; v < current; v++) {
                Upcaster step = upcasters.get(name + "/" + v);
                if (step == null) {
                    throw new IllegalStateException("no upcaster for " + name + " from version " + v);
                }
                json = step.upcast(json);
            }
            return MAPPER.treeToValue(json, eventClass);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
    }

    /** Every event type this codec knows, by stable name. */
    public List<String> typeNames() {
        return byName.keySet().stream().sorted().toList();
    }
}
