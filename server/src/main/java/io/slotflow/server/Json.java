package io.slotflow.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.slotflow.event.EventCodec;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** JSON responses, written with the mapper the journal uses (times as ISO-8601). */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response: " + e.getOriginalMessage(), e);
        }
    }

    static HttpResponse response(int status, Object body) {
        return HttpResponse.create().withStatus(StatusCodes.get(status))
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, write(body) + "\n"));
    }

    static HttpResponse error(ApiError error) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", error.getMessage());
        if (!error.details().isEmpty()) {
            body.put("problems", error.details());
        }
        return response(error.status(), body);
    }
}
