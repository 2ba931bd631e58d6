package org.mailtrace.server.api;

import java.util.Map;

/**
 * A failure with its HTTP status, a short error name and a sentence for the caller. Thrown
 * anywhere below a route; {@link ErrorMapper} turns it into {@code {"error": ..., "detail": ...}}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String error;
    private final Map<String, String> headers;

    public ApiError(int status, String error, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public static ApiError badRequest(String detail) {
        return new ApiError(400, "bad_request", detail, Map.of());
    }

    public static ApiError unauthorized(String detail) {
        return new ApiError(401, "unauthorized", detail, Map.of("WWW-Authenticate", "Bearer realm=\"mailtrace\""));
    }

    public static ApiError forbidden(String detail) {
        return new ApiError(403, "forbidden", detail, Map.of());
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, "not_found", detail, Map.of());
    }

    public static ApiError conflict(String detail) {
        return new ApiError(409, "conflict", detail, Map.of());
    }

    public static ApiError tooManyRequests(long retryAfterSeconds, String detail) {
        return new ApiError(429, "too_many_requests", detail, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
