package org.mailtrace.server.api;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mailtrace.query.TraceDetail;
import org.mailtrace.server.audit.AuditAction;
import org.mailtrace.server.audit.AuditEntry;
import org.mailtrace.server.auth.Permission;
import org.mailtrace.server.auth.Principal;
import org.mailtrace.server.savedquery.SearchCriteria;
import org.mailtrace.store.TracePage;

/**
 * {@code GET /api/v1/traces} (rows, newest first, with the next page's cursor) and
 * {@code GET /api/v1/traces/{traceId}} (detail). Both are scoped to the caller's domains and audited.
 */
final class TraceRoutes {
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ApiContext api;
    private final Timer searchTimer;
    private final Timer detailTimer;

    TraceRoutes(ApiContext api) {
        this.api = api;
        this.searchTimer = api.metrics().queryTimer("search");
        this.detailTimer = api.metrics().queryTimer("detail");
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/traces", Permission.SEARCH, this::search);
        routes.get("/api/v1/traces/{traceId}", Permission.DETAIL, this::detail);
    }

    /** The answer of a search: nothing capped silently, {@code next} is non-null whenever more rows match. */
    record Rows(List<org.mailtrace.model.TraceRow> rows, String next) {
    }

    private void search(Context ctx) {
        Principal p = Caller.of(ctx);
        TraceQueryParams.Parsed q = TraceQueryParams.parse(ctx.queryParamMap(), p.user().domains());
        long started = System.nanoTime();
        TracePage page = api.traces().search(q.query(), q.cursor(), q.limit());
        searchTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        api.audit().append(p.name(), ctx.ip(), AuditAction.SEARCH, AuditEntry.OK, null, q.auditFilter(), p.method());
        if (q.cursor() == null) {
            // Later pages repeat the same search; only the first one is "a search the user made".
            api.recentQueries().record(p.name(), SearchCriteria.fromParams(ctx.queryParamMap()));
        }
        ctx.json(new Rows(page.rows(), page.next()));
    }

    private void detail(Context ctx) {
        Principal p = Caller.of(ctx);
        for (String k : ctx.queryParamMap().keySet()) {
            if (!k.equals("recipient")) {
                throw ApiError.badRequest("unknown parameter '" + k + "'; known: [recipient]");
            }
        }
        String traceId = ctx.pathParam("traceId");
        if (!TRACE_ID.matcher(traceId).matches()) {
            throw ApiError.badRequest("'" + TraceQueryParams.clip(traceId) + "' is not a message trace ID (a UUID)");
        }
        String recipient = ctx.queryParam("recipient");
        if (recipient != null && (recipient.length() > 320 || !recipient.contains("@") || recipient.chars().anyMatch(c -> c <= ' '))) {
            throw ApiError.badRequest("recipient: '" + TraceQueryParams.clip(recipient) + "' is not an address");
        }
        long started = System.nanoTime();
        DomainScope scope = new DomainScope(p.user().domains());
        Optional<TraceDetail> d = api.traces().detail(traceId, recipient)
                .flatMap(found -> scope.restrict(found, api.store()::get));
        detailTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        Map<String, Object> filter = new LinkedHashMap<>();
        if (recipient != null) {
            filter.put("recipient", recipient);
        }
        api.audit().append(p.name(), ctx.ip(), AuditAction.DETAIL, d.isPresent() ? AuditEntry.OK : AuditEntry.FAILED,
                traceId, filter, p.method());
        if (d.isEmpty()) {
            throw ApiError.notFound("no trace " + traceId + (recipient == null ? "" : " with recipient " + TraceQueryParams.clip(recipient))
                    + " that you may see");
        }
        ctx.json(d.get());
    }
}
