package org.mailtrace.server.api;

import io.javalin.config.RoutesConfig;

/**
 * Wires the API: error mapping, the access check before every matched route, response headers,
 * then each route class. Reports, saved queries, statistics and the live feed each have their route class.
 */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    public static void register(RoutesConfig routes, RouteTable table, ApiContext api) {
        ErrorMapper.register(routes);
        AccessControl access = new AccessControl(api);
        routes.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cache-Control", "no-store");
        });
        routes.beforeMatched(access::check);
        routes.after(ctx -> api.metrics().request(ctx.statusCode()));
        new OpsRoutes(api).register(table);
        new SessionRoutes(api, access).register(table);
        new OidcRoutes(api).register(table);
        new TraceRoutes(api).register(table);
        new AuditRoutes(api).register(table);
        new UserRoutes(api).register(table);
        new ReportRoutes(api).register(table);
        new QueryRoutes(api).register(table);
        new StatsRoutes(api).register(table);
        new LiveRoutes(api).register(table);
        new ConsoleRoutes().register(routes);
    }
}
