package io.slotflow.server;

import java.util.List;

/**
 * A request the API refuses: the HTTP status and one line that names the problem (a plan's
 * problems, one line each, in {@code details}). Nothing was journaled.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final List<String> details;

    ApiError(int status, String message) {
        this(status, message, List.of());
    }

    ApiError(int status, String message, List<String> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = List.copyOf(details);
    }

    int status() {
        return status;
    }

    List<String> details() {
        return details;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    static ApiError conflict(String message) {
        return new ApiError(409, message);
    }
}
