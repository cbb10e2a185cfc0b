package io.slotflow.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.slotflow.event.EventCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A plan's fingerprint: SHA-256 of its canonical JSON (maps ordered by key). Resuming a run is
 * refused when the plan's digest differs from the one the run started with.
 */
public final class PlanDigest {

    private static final ObjectMapper CANONICAL = EventCodec.mapper().copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private PlanDigest() {
    }

    public static String of(Plan plan) {
        try {
            byte[] json = CANONICAL.writeValueAsString(plan).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint plan " + plan.name(), e);
        }
    }
}
