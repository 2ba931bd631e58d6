package org.mailtrace.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import org.mailtrace.server.auth.Permission;

/**
 * Registers routes, each with the one permission it needs, and remembers them, so the access
 * check can never be forgotten on a new route and a test can compare the routes with the OpenAPI
 * document. Route classes (traces, users, audit; later reports, stats) each take one of these.
 */
public final class RouteTable {
    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    public RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public void get(String path, Permission need, Handler h) {
        routes.get(path, h, need);
        registered.add(new Route("GET", path, need));
    }

    public void post(String path, Permission need, Handler h) {
        routes.post(path, h, need);
        registered.add(new Route("POST", path, need));
    }

    public void patch(String path, Permission need, Handler h) {
        routes.patch(path, h, need);
        registered.add(new Route("PATCH", path, need));
    }

    public void delete(String path, Permission need, Handler h) {
        routes.delete(path, h, need);
        registered.add(new Route("DELETE", path, need));
    }

    public List<Route> registered() {
        return List.copyOf(registered);
    }

    /** One registered route; {@code path} in Javalin syntax ({@code /api/v1/traces/{traceId}}). */
    public record Route(String method, String path, Permission permission) {
    }
}
