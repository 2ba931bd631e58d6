package org.mailtrace.server;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.session.AbstractSessionDataStore;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.SessionDataStore;
import org.mailtrace.json.TraceJson;
import org.mailtrace.query.TraceService;
import org.mailtrace.server.api.ApiContext;
import org.mailtrace.server.api.ApiRoutes;
import org.mailtrace.server.api.CriteriaQueries;
import org.mailtrace.server.api.ErrorMapper;
import org.mailtrace.server.api.RouteTable;
import org.mailtrace.server.audit.AuditLog;
import org.mailtrace.server.auth.RateLimiter;
import org.mailtrace.server.auth.UserStore;
import org.mailtrace.server.live.LiveFeed;
import org.mailtrace.server.metrics.JobMetrics;
import org.mailtrace.server.metrics.ServerMetrics;
import org.mailtrace.server.report.ReportService;
import org.mailtrace.server.report.WebhookTargets;
import org.mailtrace.store.StoreMeters;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceReader;

/**
 * The HTTP server: the REST API, health, metrics and the OpenAPI document on one Jetty (through
 * Javalin). It does not own the store, user store or audit log: whoever starts it closes them
 * after {@link #close()}, so a shutdown stops answering first, then commits and closes the store.
 */
public final class MailtraceServer implements AutoCloseable {
    static final String SESSION_COOKIE = "mailtrace_session";
    static final int SHARED_SESSION_SAVE_SECONDS = 60;

    private final Javalin app;
    private final List<RouteTable.Route> routes;
    private final ReportService reports;
    private final LiveFeed live;
    private final Health health;

    private MailtraceServer(Javalin app, List<RouteTable.Route> routes, ReportService reports, LiveFeed live, Health health) {
        this.app = app;
        this.routes = routes;
        this.reports = reports;
        this.live = live;
        this.health = health;
    }

    /** Where live sources register what {@code /healthz} must report (see {@link Health}). */
    public Health health() {
        return health;
    }

    public static MailtraceServer start(ServerConfig config, TraceReader store, UserStore users, AuditLog audit,
                                       ServerMetrics metrics, Clock clock) {
        return start(config, store, ServerState.of(users, audit, config.data(), clock), metrics, clock);
    }

    /** Starts over the given server state ({@link ServerState#inDirectory} or {@link ServerState#shared}), which the caller closes. */
    public static MailtraceServer start(ServerConfig config, TraceReader store, ServerState state,
                                       ServerMetrics metrics, Clock clock) {
        ReportService reports = new ReportService(state.reports(), store, config.jobs(),
                new WebhookTargets(config.limits().webhookAllow()), clock, CriteriaQueries::toQuery, Duration.ofSeconds(5));
        LiveFeed live = new LiveFeed(config.jobs().livePing());
        Health health = new Health();
        ApiContext api = new ApiContext(config, store, new TraceService(store), state.users(), state.audit(), metrics,
                new RateLimiter(config.rateLimit(), config.rateLimitWindow(), clock),
                new RateLimiter(config.signInLimit(), config.rateLimitWindow(), clock), clock,
                reports, state.savedQueries(), state.recentQueries(), live, health, state.signIns());
        metrics.gauge("mailtrace.store.rows", "Trace rows in the store", () -> store.count(TraceQuery.all()));
        metrics.store(StoreMeters.of(store));
        JobMetrics.register(metrics, reports, live);
        RouteTable[] table = new RouteTable[1];
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.jsonMapper(new JavalinJackson(TraceJson.mapper(), false));
            cfg.jetty.modifyServer(server -> server.setErrorHandler(ErrorMapper.jettyErrorHandler()));
            cfg.jetty.modifyServletContextHandler(handler -> {
                handler.setSessionHandler(sessions(config, state.sessions()));
                handler.addFilter(new FilterHolder(new IgnoredMethodOverride()), "/*", EnumSet.of(DispatcherType.REQUEST));
            });
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(config.listen().host());
                connector.setPort(config.listen().port());
                connector.addBean(new HeaderDeadline(config.limits().headerTimeout()));
                return connector;
            });
            table[0] = new RouteTable(cfg.routes);
            ApiRoutes.register(cfg.routes, table[0], api);
        });
        app.start();
        return new MailtraceServer(app, table[0].registered(), reports, live, health);
    }

    /**
     * Session cookies the browser never exposes to scripts nor sends cross-site. With a shared session
     * store no session is cached: each request reads it from the store, so a session started, changed
     * or ended on one server is the same on the others; it is written before the response is sent (so
     * the next request may go to another server), and its last access at most every
     * {@value #SHARED_SESSION_SAVE_SECONDS} s when nothing else changed.
     */
    private static SessionHandler sessions(ServerConfig config, SessionDataStore shared) {
        SessionHandler s = new SessionHandler();
        if (shared != null) {
            NullSessionCache cache = new NullSessionCache(s);
            cache.setSessionDataStore(shared);
            cache.setSaveOnCreate(true);
            cache.setFlushOnResponseCommit(true);
            if (shared instanceof AbstractSessionDataStore store) {
                store.setSavePeriodSec(SHARED_SESSION_SAVE_SECONDS);
            }
            s.setSessionCache(cache);
        }
        s.setSessionCookie(SESSION_COOKIE);
        s.setHttpOnly(true);
        s.setSameSite(HttpCookie.SameSite.STRICT);
        s.setSecureRequestOnly(config.secureCookies());
        s.getSessionCookieConfig().setSecure(config.secureCookies());
        s.setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, config.sessionIdle().toSeconds()));
        s.setUsingUriParameters(false);
        return s;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** Every route with its permission, for documentation and tests. */
    public List<RouteTable.Route> routes() {
        return routes;
    }

    /**
     * Where ingest hands traces after each commit, so the live view shows them within the second;
     * {@code publish} never blocks.
     */
    public LiveFeed liveFeed() {
        return live;
    }

    /** The report jobs (for embedding and tests). */
    public ReportService reports() {
        return reports;
    }

    /**
     * Stops accepting requests and waits for running ones (Jetty's graceful stop), then ends live
     * streams and report workers; a report still running is marked failed at the next start.
     */
    @Override
    public void close() {
        live.close();
        app.stop();
        reports.close();
    }
}
