package org.mailtrace.server.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailtrace.server.auth.Permission;
import org.mailtrace.server.auth.Principal;
import org.mailtrace.server.auth.Role;
import org.mailtrace.server.savedquery.RecentQueryStore;
import org.mailtrace.server.savedquery.SavedQueryStore;
import org.mailtrace.server.savedquery.SavedQuery;
import org.mailtrace.server.savedquery.SearchCriteria;

/**
 * Saved searches ({@code /api/v1/queries}: each caller's own, plus those saved with
 * {@code "shared": true}) and each caller's recent searches ({@code /api/v1/queries/recent},
 * recorded by {@link TraceRoutes}). A saved query holds filters only, never rows: whoever runs a
 * shared one sees what their own scope allows. Another user's private query answers 404.
 */
final class QueryRoutes {
    private static final int MAX_NAME = 200;

    private final SavedQueryStore saved;
    private final RecentQueryStore recent;

    QueryRoutes(ApiContext api) {
        this.saved = api.savedQueries();
        this.recent = api.recentQueries();
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/queries", Permission.SEARCH, this::list);
        routes.post("/api/v1/queries", Permission.SEARCH, this::create);
        routes.get("/api/v1/queries/recent", Permission.SEARCH, this::recent);
        routes.delete("/api/v1/queries/{id}", Permission.SEARCH, this::delete);
    }

    /** {@code shared}: visible to everyone who may search; absent or false keeps it private. */
    record Body(String name, SearchCriteria query, Boolean shared) {
    }

    record Saved(List<SavedQuery> queries) {
    }

    record Recent(List<RecentQueryStore.Recent> queries) {
    }

    private void list(Context ctx) {
        noParams(ctx);
        ctx.json(new Saved(saved.visibleTo(Caller.of(ctx).name())));
    }

    private void recent(Context ctx) {
        noParams(ctx);
        ctx.json(new Recent(recent.of(Caller.of(ctx).name())));
    }

    private void create(Context ctx) {
        Principal p = Caller.of(ctx);
        Body b = JsonBodies.read(ctx, Body.class);
        if (b.name() == null || b.name().isBlank() || b.name().length() > MAX_NAME || b.name().chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("name: 1 to " + MAX_NAME + " characters without control characters");
        }
        if (b.query() == null) {
            throw ApiError.badRequest("query: the search filters are required, e.g. {\"recipient\":[\"*@example.org\"]}");
        }
        TraceQueryParams.parse(b.query().toParams(), Set.of()); // the same checks as a search
        try {
            ctx.status(201).json(saved.add(b.name().strip(), b.query(), p.name(), Boolean.TRUE.equals(b.shared())));
        } catch (IllegalStateException e) {
            throw ApiError.conflict(e.getMessage());
        }
    }

    private void delete(Context ctx) {
        Principal p = Caller.of(ctx);
        String id = ctx.pathParam("id");
        SavedQuery q = saved.find(id).filter(x -> x.visibleTo(p.name()))
                .orElseThrow(() -> ApiError.notFound("no saved query " + TraceQueryParams.clip(id) + " that you may see"));
        if (!q.owner().equals(p.name()) && p.user().role() != Role.OrganizationManagement) {
            throw ApiError.forbidden("only " + q.owner() + " or Organization Management may delete this saved query");
        }
        saved.remove(id);
        ctx.status(204);
    }

    private static void noParams(Context ctx) {
        Map<String, List<String>> p = ctx.queryParamMap();
        if (!p.isEmpty()) {
            throw ApiError.badRequest("unknown parameter '" + p.keySet().iterator().next() + "'; this endpoint takes none");
        }
    }
}
