package org.mailtrace.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.util.Map;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.mailtrace.json.TraceJson;
import org.mailtrace.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP statuses and JSON bodies: exceptions thrown by routes,
 * requests that match no route, and requests Jetty refuses before any route runs (malformed URIs,
 * invalid UTF-8, oversized headers). Internal details go to the log, never to the caller.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static void register(RoutesConfig routes) {
        routes.exception(ApiError.class, (e, ctx) -> write(ctx, e.status(), e.error(), e.getMessage(), e.headers()));
        routes.exception(IllegalArgumentException.class, (e, ctx) -> write(ctx, 400, "bad_request", e.getMessage(), Map.of()));
        routes.exception(DateTimeException.class, (e, ctx) -> write(ctx, 400, "bad_request", e.getMessage(), Map.of()));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), name(e.getStatus()), e.getMessage(), Map.of()));
        routes.exception(StoreException.class, (e, ctx) -> {
            LOG.error("{} {}: store error", ctx.method(), ctx.path(), e);
            write(ctx, 503, "store_unavailable", "the trace store failed; the server log has the cause", Map.of());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {}: internal error", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal_error", "internal error; the server log has the cause", Map.of());
        });
        routes.error(404, ctx -> {
            if (isEmpty(ctx)) {
                write(ctx, 404, "not_found", "no such resource: " + ctx.method() + " " + ctx.path()
                        + "; the API is described at /api/openapi.json", Map.of());
            }
        });
        routes.error(405, ctx -> {
            if (isEmpty(ctx)) {
                write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path(), Map.of());
            }
        });
    }

    private static boolean isEmpty(Context ctx) {
        String r = ctx.result();
        return r == null || r.isEmpty() || !r.startsWith("{");
    }

    static void write(Context ctx, int status, String error, String detail, Map<String, String> headers) {
        headers.forEach(ctx::header);
        ctx.status(status).json(new ErrorBody(error, detail == null ? name(status) : detail));
    }

    /** Jetty's own refusals (bad URI, invalid UTF-8, header too large), in the API's JSON shape. */
    public static ErrorHandler jettyErrorHandler() {
        return new ErrorHandler() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                int status = response.getStatus() >= 400 ? response.getStatus() : 400;
                Object cause = request.getAttribute(ERROR_MESSAGE);
                Object exception = request.getAttribute(ERROR_EXCEPTION);
                String detail = cause != null ? cause.toString()
                        : exception instanceof Throwable t && t.getMessage() != null ? t.getMessage() : name(status);
                try {
                    byte[] body = TraceJson.mapper().writeValueAsBytes(new ErrorBody(name(status),
                            "the request was refused before it reached the API: " + detail));
                    response.setStatus(status);
                    response.getHeaders().put("Content-Type", "application/json");
                    response.write(true, ByteBuffer.wrap(body), callback);
                } catch (IOException e) {
                    callback.failed(e);
                }
                return true;
            }
        };
    }

    static String name(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "error";
        };
    }

}
