package org.mailtrace.server.api;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.server.auth.Permission;
import org.mailtrace.server.auth.Principal;
import org.mailtrace.server.stats.StatsAnswer;
import org.mailtrace.server.stats.StatsRange;
import org.mailtrace.store.StoreStats;
import org.mailtrace.store.TraceQuery;

/**
 * {@code GET /api/v1/stats}: row counts per hour or day by status and direction, top senders,
 * recipients, partner domains and refusal reasons, and the rows pending now; all within the
 * caller's scope. Counted in the index ({@code TraceStore.aggregate}), so it costs no trace reads.
 */
final class StatsRoutes {
    private static final Set<String> KNOWN = Set.of("start", "end", "bucket", "top");

    private final ApiContext api;
    private final Timer timer;

    StatsRoutes(ApiContext api) {
        this.api = api;
        this.timer = api.metrics().queryTimer("stats");
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/stats", Permission.SEARCH, this::stats);
    }

    private void stats(Context ctx) {
        Principal p = Caller.of(ctx);
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (!KNOWN.contains(e.getKey())) {
                throw ApiError.badRequest("unknown parameter '" + e.getKey() + "'; known: " + new java.util.TreeSet<>(KNOWN));
            }
            if (e.getValue().size() != 1) {
                throw ApiError.badRequest(e.getKey() + " takes one value");
            }
        }
        Integer top = null;
        if (ctx.queryParam("top") != null) {
            try {
                top = Integer.parseInt(ctx.queryParam("top").trim());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("top must be a whole number from 1 to " + StatsRange.MAX_TOP);
            }
        }
        StatsRange range = StatsRange.of(TraceQueryParams.time("start", ctx.queryParam("start"), false),
                TraceQueryParams.time("end", ctx.queryParam("end"), true), ctx.queryParam("bucket"), top, api.clock().instant());
        TraceQuery scope = TraceQuery.builder().scopeDomains(p.user().domains()).build();
        long started = System.nanoTime();
        StoreStats s = api.store().aggregate(scope, range.start(), range.end(), range.bucketLength(), range.top());
        long pending = api.store().count(TraceQuery.builder().scopeDomains(p.user().domains())
                .statuses(Set.of(DeliveryStatus.Pending)).build());
        timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        ctx.json(StatsAnswer.of(range, s, pending));
    }
}
