package org.mailtrace.server.api;

import java.time.Clock;
import org.mailtrace.query.TraceService;
import org.mailtrace.server.Health;
import org.mailtrace.server.ServerConfig;
import org.mailtrace.server.audit.AuditTrail;
import org.mailtrace.server.auth.RateLimiter;
import org.mailtrace.server.auth.UserStore;
import org.mailtrace.server.auth.oidc.PendingSignIns;
import org.mailtrace.server.live.LiveFeed;
import org.mailtrace.server.metrics.ServerMetrics;
import org.mailtrace.server.report.ReportService;
import org.mailtrace.server.savedquery.RecentQueryStore;
import org.mailtrace.server.savedquery.SavedQueryStore;
import org.mailtrace.store.TraceReader;

/** What route classes share; one per running server. */
public record ApiContext(ServerConfig config, TraceReader store, TraceService traces, UserStore users, AuditTrail audit,
                         ServerMetrics metrics, RateLimiter requestLimit, RateLimiter signInLimit, Clock clock,
                         ReportService reports, SavedQueryStore savedQueries, RecentQueryStore recentQueries, LiveFeed live,
                         Health health, PendingSignIns signIns) {
}
