package io.slotflow.engine.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.slotflow.core.SourceVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks what a work source printed against the published work-item schema
 * (docs/schemas/work-item-v1.json, on the classpath as {@code io/slotflow/schemas/work-item-v1.json})
 * with a maintained JSON Schema validator, never by hand and never with a default for what does not
 * match: too big, not UTF-8, not JSON, a newer version, a missing field, an unknown shape. What
 * matches becomes the plan's spec list for the run core to check like a plan's specs. Thread-safe.
 */
public final class WorkItems {

    /** The most a source may print; more is rejected, not cut. */
    public static final int MAX_BYTES = 256 * 1024;
    /** The schema version this engine reads. */
    public static final int VERSION = 1;
    /** Schema problems listed in a rejection; the rest are counted. */
    private static final int LISTED = 5;

    // a deeply nested document is refused by the parser before it costs memory
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());
    private static final Schema SCHEMA = load();

    private WorkItems() {
    }

    private static Schema load() {
        try (InputStream in = WorkItems.class.getResourceAsStream("/io/slotflow/schemas/work-item-v1.json")) {
            if (in == null) {
                throw new IllegalStateException("work-item-v1.json is not on the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The verdict on a source's standard output.
     *
     * @param output what it printed, at most {@link #MAX_BYTES} + 1 bytes read
     * @param bytes how many bytes it printed in all
     * @param category the source's category, given to items that name none
     */
    public static SourceVerdict check(byte[] output, long bytes, String category) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(output, 0, Math.min(output.length, MAX_BYTES))).toString();
        } catch (CharacterCodingException e) {
            return new SourceVerdict.Malformed("not JSON: the output is not UTF-8 text",
                    new String(output, 0, Math.min(output.length, MAX_BYTES), StandardCharsets.UTF_8), bytes);
        }
        if (bytes > MAX_BYTES) {
            return new SourceVerdict.Malformed("too big: " + bytes + " bytes printed, at most " + MAX_BYTES
                    + " are read", text, bytes);
        }
        JsonNode tree;
        try (JsonParser parser = JSON.createParser(text)) {
            tree = JSON.readTree(parser);
            if (tree == null) {
                return new SourceVerdict.Malformed("not JSON: the output is empty", text, bytes);
            }
            if (parser.nextToken() != null) {
                return new SourceVerdict.Malformed("not JSON: more follows the first JSON value (line "
                        + parser.currentLocation().getLineNr() + ")", text, bytes);
            }
        } catch (IOException e) {
            return new SourceVerdict.Malformed("not JSON: " + firstLine(e.getMessage()), text, bytes);
        }
        JsonNode version = tree.get("version");
        if (version != null && version.isIntegralNumber() && version.asLong() > VERSION) {
            return new SourceVerdict.Malformed("version " + version.asLong() + " is newer than this engine reads ("
                    + VERSION + "): see docs/schemas/", text, bytes);
        }
        List<Error> errors = SCHEMA.validate(tree);
        if (!errors.isEmpty()) {
            String listed = errors.stream().limit(LISTED).map(WorkItems::describe).collect(Collectors.joining("; "));
            return new SourceVerdict.Malformed("does not match work-item-v" + VERSION + ": " + listed
                    + (errors.size() > LISTED ? "; and " + (errors.size() - LISTED) + " more" : ""), text, bytes);
        }
        ArrayNode specs = JSON.createArrayNode();
        for (JsonNode item : tree.get("items")) {
            ObjectNode spec = ((ObjectNode) item).deepCopy();
            if (!spec.has("category")) {
                spec.put("category", category);
            }
            specs.add(spec);
        }
        ObjectNode plan = JSON.createObjectNode();
        plan.set("specs", specs);
        return new SourceVerdict.Items(plan.toString(), text, bytes);
    }

    /** "/items/0: required property 'command' not found"; the whole output is "the output". */
    private static String describe(Error error) {
        String text = error.toString();
        return text.startsWith(": ") ? "the output" + text.substring(0) : text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
