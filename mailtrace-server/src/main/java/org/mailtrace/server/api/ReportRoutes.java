package org.mailtrace.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mailtrace.server.audit.AuditAction;
import org.mailtrace.server.audit.AuditEntry;
import org.mailtrace.server.auth.Permission;
import org.mailtrace.server.auth.Principal;
import org.mailtrace.server.auth.Role;
import org.mailtrace.server.report.Report;
import org.mailtrace.server.report.ReportNotify;
import org.mailtrace.server.report.ReportService;
import org.mailtrace.server.report.ReportType;
import org.mailtrace.server.savedquery.SearchCriteria;

/**
 * Report jobs: order ({@code POST /api/v1/reports}), list, read, download the CSV, delete. Each
 * report's rows are limited to its owner's domain scope when it was ordered. Organization and
 * Compliance Management without a domain scope see everyone's reports; everyone else only their
 * own (a scoped user must not download an unscoped colleague's CSV). Create, download and delete
 * are audited ({@code report}, {@code export}).
 */
final class ReportRoutes {
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>@\",;:()\\[\\]\\\\]{1,64}@[A-Za-z0-9.-]{1,253}");
    private static final int MAX_TITLE = 200;

    private final ApiContext api;
    private final ReportService reports;

    ReportRoutes(ApiContext api) {
        this.api = api;
        this.reports = api.reports();
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/reports", Permission.REPORT, this::create);
        routes.get("/api/v1/reports", Permission.REPORT, this::list);
        routes.get("/api/v1/reports/{id}", Permission.REPORT, this::read);
        routes.get("/api/v1/reports/{id}/download", Permission.REPORT, this::download);
        routes.delete("/api/v1/reports/{id}", Permission.REPORT, this::delete);
    }

    record Order(String type, String title, SearchCriteria query,
                 @com.fasterxml.jackson.annotation.JsonProperty("notify") ReportNotify notifyTo) {
    }

    record Reports(List<Report> reports) {
    }

    private void create(Context ctx) {
        Principal p = Caller.of(ctx);
        Order o = JsonBodies.read(ctx, Order.class);
        if (o.type() == null) {
            throw ApiError.badRequest("type is required: summary, enhanced or extended");
        }
        ReportType type = ReportType.parse(o.type());
        String title = o.title() == null || o.title().isBlank() ? type.key() + " report" : o.title().strip();
        if (title.length() > MAX_TITLE || title.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("title: at most " + MAX_TITLE + " characters without control characters");
        }
        SearchCriteria criteria = o.query() == null ? new SearchCriteria(null, null, null, null, null, null, null, null,
                null, null, null, null) : o.query();
        CriteriaQueries.toQuery(criteria, p.user().domains()); // 400 before anything is queued
        ReportNotify notify = checkNotify(o.notifyTo());
        Report r = reports.order(type, title, criteria, p.name(), p.user().domains(), notify);
        Map<String, Object> filter = new LinkedHashMap<>(criteria.toParams());
        filter.put("type", type.key());
        api.audit().append(p.name(), ctx.ip(), AuditAction.REPORT, AuditEntry.OK, r.id(), filter, p.method());
        ctx.status(201).json(r);
    }

    private ReportNotify checkNotify(ReportNotify n) {
        if (n == null || (n.webhook() == null && n.email() == null)) {
            return null;
        }
        if (n.webhook() != null) {
            URI u;
            try {
                u = URI.create(n.webhook());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("notify.webhook: not a URL");
            }
            if (u.getScheme() == null || !List.of("http", "https").contains(u.getScheme().toLowerCase(java.util.Locale.ROOT))
                    || u.getHost() == null || n.webhook().length() > 2000) {
                throw ApiError.badRequest("notify.webhook: an http or https URL is needed, e.g. https://hooks.example.org/mailtrace");
            }
            try {
                reports.webhookTargets().check(u);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("notify.webhook: " + e.getMessage());
            } catch (java.net.UnknownHostException e) {
                throw ApiError.badRequest("notify.webhook: " + TraceQueryParams.clip(u.getHost()) + " does not resolve; check the host name");
            }
        }
        if (n.email() != null) {
            if (!EMAIL.matcher(n.email()).matches()) {
                throw ApiError.badRequest("notify.email: '" + TraceQueryParams.clip(n.email()) + "' is not a plain address");
            }
            if (!reports.canMail()) {
                throw ApiError.badRequest("notify.email needs the smtp-relay setting on the server; use a webhook or ask the administrator");
            }
        }
        return n;
    }

    private void list(Context ctx) {
        Principal p = Caller.of(ctx);
        ctx.json(new Reports(reports.list().stream().filter(r -> visible(p, r)).toList()));
    }

    private void read(Context ctx) {
        ctx.json(find(ctx, Caller.of(ctx)));
    }

    private void download(Context ctx) {
        Principal p = Caller.of(ctx);
        Report r = find(ctx, p);
        InputStream csv;
        try {
            csv = reports.csv(r.id()).orElseThrow(() -> ApiError.conflict("report " + r.id() + " is " + r.state().key()
                    + "; only done or capped reports can be downloaded"));
        } catch (IOException e) {
            throw new UncheckedIOException("report " + r.id() + ": cannot read its CSV: " + e.getMessage(), e);
        }
        api.audit().append(p.name(), ctx.ip(), AuditAction.EXPORT, AuditEntry.OK, r.id(), Map.of("type", r.type().key()), p.method());
        String name = r.title().replaceAll("[^A-Za-z0-9._-]+", "-") + "-" + r.id().substring(0, 8) + ".csv";
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.contentType("text/csv; charset=utf-8");
        ctx.result(csv);
    }

    private void delete(Context ctx) {
        Principal p = Caller.of(ctx);
        Report r = find(ctx, p);
        reports.delete(r.id());
        api.audit().append(p.name(), ctx.ip(), AuditAction.REPORT, AuditEntry.OK, r.id(), Map.of("deleted", true), p.method());
        ctx.status(204);
    }

    /** 404 both for unknown IDs and for reports the caller may not see, so IDs cannot be probed. */
    private Report find(Context ctx, Principal p) {
        String id = ctx.pathParam("id");
        return reports.find(id).filter(r -> visible(p, r))
                .orElseThrow(() -> ApiError.notFound("no report " + TraceQueryParams.clip(id) + " that you may see"));
    }

    private static boolean visible(Principal p, Report r) {
        Role role = p.user().role();
        boolean seesAll = (role == Role.OrganizationManagement || role == Role.ComplianceManagement) && p.user().domains().isEmpty();
        return seesAll || r.owner().equals(p.name());
    }
}
