package org.mailtrace.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.mailtrace.server.auth.Permission;

/** Operations: {@code /healthz} (degraded while live ingest is stopped or full), {@code /metrics} (Prometheus) and the OpenAPI document. */
final class OpsRoutes {
    private final ApiContext api;
    private final byte[] openApi;

    OpsRoutes(ApiContext api) {
        this.api = api;
        try (InputStream in = OpsRoutes.class.getResourceAsStream("/org/mailtrace/server/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server jar");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(RouteTable routes) {
        routes.get("/healthz", Permission.PUBLIC, this::health);
        routes.get("/metrics", api.config().metricsAuth() ? Permission.SIGNED_IN : Permission.PUBLIC, this::metrics);
        routes.get("/api/openapi.json", Permission.PUBLIC, ctx -> ctx.contentType("application/json").result(openApi));
    }

    /** 200 {@code {"status":"ok"}}, or 503 {@code {"status":"degraded","reasons":[...]}} while a live source is stopped or full. */
    private void health(Context ctx) {
        List<String> problems = api.health().problems();
        if (problems.isEmpty()) {
            ctx.json(Map.of("status", "ok"));
        } else {
            ctx.status(503).json(Map.of("status", "degraded", "reasons", problems));
        }
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(api.metrics().scrape());
    }
}
