package org.mailtrace.server.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.mailtrace.server.audit.AuditAction;
import org.mailtrace.server.audit.AuditEntry;
import org.mailtrace.server.auth.Permission;
import org.mailtrace.server.auth.Principal;
import org.mailtrace.server.auth.ScopeDomains;

/**
 * {@code GET /api/v1/audit}: the audit log, newest first, for Organization and Compliance Management.
 * A reader with a domain scope sees only the entries of accounts their scope covers (themselves
 * included, {@link ScopeDomains#covers}): not what unscoped colleagues searched and opened, nor
 * failed sign-ins under names that are not such an account.
 */
final class AuditRoutes {
    private static final Set<String> KNOWN = Set.of("user", "action", "start", "end", "limit", "cursor");

    private final ApiContext api;

    AuditRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/audit", Permission.AUDIT, this::read);
    }

    record Entries(List<AuditEntry> entries, String next) {
    }

    private void read(Context ctx) {
        Principal p = Caller.of(ctx);
        Map<String, Object> filter = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (!KNOWN.contains(e.getKey())) {
                throw ApiError.badRequest("unknown parameter '" + e.getKey() + "'; known: " + new java.util.TreeSet<>(KNOWN));
            }
            if (e.getValue().size() != 1) {
                throw ApiError.badRequest(e.getKey() + " takes one value");
            }
            filter.put(e.getKey(), e.getValue().get(0));
        }
        String user = ctx.queryParam("user");
        String action = ctx.queryParam("action");
        Instant start = TraceQueryParams.time("start", ctx.queryParam("start"), false);
        Instant end = TraceQueryParams.time("end", ctx.queryParam("end"), true);
        int limit = TraceQueryParams.limit(ctx.queryParam("limit"));
        long before = 0;
        String cursor = ctx.queryParam("cursor");
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("cursor: not a cursor from a previous page's 'next'");
            }
        }
        Set<String> readable = readableUsers(p);
        Predicate<AuditEntry> match = e -> (readable == null || (e.user() != null && readable.contains(e.user())))
                && (user == null || user.equalsIgnoreCase(e.user()))
                && (action == null || action.equalsIgnoreCase(e.action()))
                && (start == null || !e.time().isBefore(start))
                && (end == null || e.time().isBefore(end));
        api.audit().append(p.name(), ctx.ip(), AuditAction.AUDIT_READ, AuditEntry.OK, null, filter, p.method());
        List<AuditEntry> found = api.audit().read(match, before, limit);
        boolean more = found.size() > limit;
        List<AuditEntry> page = more ? found.subList(0, limit) : found;
        ctx.json(new Entries(page, more ? Long.toString(page.get(page.size() - 1).seq()) : null));
    }

    /** The accounts whose entries a scoped reader may see; null for an unscoped reader (everything). */
    private Set<String> readableUsers(Principal p) {
        Set<String> scope = p.user().domains();
        if (scope.isEmpty()) {
            return null;
        }
        return api.users().list().stream().filter(u -> ScopeDomains.covers(scope, u.domains()))
                .map(org.mailtrace.server.auth.User::name).collect(java.util.stream.Collectors.toSet());
    }
}
