package org.mailtrace.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import org.mailtrace.json.TraceJson;

/**
 * Request bodies: JSON only (which also keeps cross-site HTML forms from posting to the API),
 * unknown fields refused so a typo is not silently ignored, malformed JSON answered with 400.
 */
final class JsonBodies {
    private static final ObjectMapper STRICT = TraceJson.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private JsonBodies() {
    }

    static <T> T read(Context ctx, Class<T> type) {
        String ct = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!ct.startsWith("application/json")) {
            throw new ApiError(415, "unsupported_media_type", "send the body as JSON with Content-Type: application/json", Map.of());
        }
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiError.badRequest("the request needs a JSON body");
        }
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw ApiError.badRequest("the request body must be a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed JSON body: " + e.getOriginalMessage());
        }
    }
}
