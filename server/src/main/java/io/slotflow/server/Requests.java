package io.slotflow.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON bodies the API accepts, read strictly: an unknown field or a wrong type is a 400 naming it. */
final class Requests {

    /** Start a run: the plan's text, the directory its relative paths resolve against, an optional run id. */
    record Submit(String plan, String planDirectory, String source, String runId, String by) {
    }

    /** Pause, resume, drain, cancel: who asks and why (both optional). */
    record Control(String by, String reason) {
    }

    /** Specs to add: {@code specs} is the text of a document with one key, {@code specs}. */
    record AddSpecs(String specs, String source, String by) {
    }

    /** Change K. */
    record Resize(Integer slots, String by) {
    }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Requests() {
    }

    /** Reads {@code body} as {@code type}; an empty body reads as every field missing. */
    static <T> T read(String body, Class<T> type) {
        String json = body == null || body.isBlank() ? "{}" : body;
        try {
            T value = STRICT.readValue(json, type);
            if (value == null) {
                throw ApiError.badRequest("the body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiError.badRequest("unknown field '" + e.getPropertyName() + "' (known: "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")");
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "the body" : "field '" + e.getPath().get(0).getFieldName() + "'";
            throw ApiError.badRequest(field + " has the wrong type (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    /** Who asked: the body's {@code by}, else "api". */
    static String by(String given) {
        if (given == null || given.isBlank()) {
            return "api";
        }
        if (given.length() > 100 || given.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("field 'by' must be at most 100 characters without control characters");
        }
        return given;
    }
}
