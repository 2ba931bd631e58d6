package org.mailtrace.server.api;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailtrace.server.audit.AuditAction;
import org.mailtrace.server.audit.AuditEntry;
import org.mailtrace.server.auth.Permission;
import org.mailtrace.server.auth.Principal;
import org.mailtrace.server.auth.oidc.OidcAccounts;
import org.mailtrace.server.auth.oidc.OidcProvider;
import org.mailtrace.server.auth.oidc.OidcRefusal;
import org.mailtrace.server.auth.oidc.OidcSettings;
import org.mailtrace.server.auth.oidc.PendingSignIns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OIDC sign-in for the console. {@code GET /api/v1/session/oidc} sends the browser to the provider
 * (authorization code flow, PKCE, state, nonce) and sets a short-lived flow cookie holding the state;
 * the provider sends it back to {@code /api/v1/session/oidc/callback}, which checks that state
 * against the cookie (so a sign-in link cannot be pushed into someone else's browser), redeems the
 * code, checks the ID token, finds the account and starts the same session as a password sign-in.
 *
 * <p>Browsers (Accept: text/html) are redirected: to the console on success, to the sign-in page
 * with {@code ?oidc-error=REASON} on failure. Other clients get the session or the error as JSON.
 * Both routes answer 404 when OIDC is not configured.
 */
final class OidcRoutes {
    static final String START = "/api/v1/session/oidc";
    static final String FLOW_COOKIE = "mailtrace_oidc";
    private static final Logger LOG = LoggerFactory.getLogger(OidcRoutes.class);

    private final ApiContext api;
    private final OidcSettings settings;
    private final OidcProvider provider;
    private final OidcAccounts accounts;
    private final PendingSignIns pending;

    OidcRoutes(ApiContext api) {
        this.api = api;
        this.settings = api.config().signIn().oidc();
        this.provider = settings == null ? null : new OidcProvider(settings);
        this.accounts = settings == null ? null : new OidcAccounts(settings, api.users(), api.clock());
        this.pending = api.signIns();
    }

    void register(RouteTable routes) {
        routes.get(START, Permission.PUBLIC, this::start);
        routes.get(OidcSettings.CALLBACK_PATH, Permission.PUBLIC, this::callback);
    }

    private void start(Context ctx) {
        requireConfigured();
        try {
            PendingSignIns.Started started = pending.begin(safeNext(ctx.queryParam("next")), ctx.ip());
            String to = provider.authorizationUri(started.pending()).toString();
            ctx.res().addHeader("Set-Cookie", flowCookie(started.cookie(), (int) PendingSignIns.ttl().toSeconds()));
            ctx.redirect(to, HttpStatus.FOUND);
        } catch (OidcRefusal r) {
            refuse(ctx, null, r);
        }
    }

    private void callback(Context ctx) {
        requireConfigured();
        ctx.res().addHeader("Set-Cookie", flowCookie("", 0));
        String name = null;
        try {
            PendingSignIns.Pending p = matchingSignIn(ctx);
            String error = ctx.queryParam("error");
            if (error != null) {
                String desc = ctx.queryParam("error_description");
                throw new OidcRefusal(OidcRefusal.PROVIDER_ERROR, 401, "the provider did not sign you in: " + TraceQueryParams.clip(error)
                        + (desc == null ? "" : " (" + TraceQueryParams.clip(desc) + ")"));
            }
            String code = ctx.queryParam("code");
            if (code == null || code.isBlank()) {
                throw new OidcRefusal(OidcRefusal.STATE, 400, "the provider's answer has neither code nor error");
            }
            IDTokenClaimsSet claims = provider.redeem(code, p);
            name = accounts.userName(claims);
            OidcAccounts.Account account = accounts.resolve(name, claims);
            auditAccountChange(ctx, account);
            String csrf = SessionRoutes.startSession(ctx, account.user());
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("method", Principal.OIDC);
            filter.put("issuer", claims.getIssuer().getValue());
            filter.put("sub", claims.getSubject().getValue());
            api.audit().append(account.user().name(), ctx.ip(), AuditAction.SIGN_IN, AuditEntry.OK, null, filter, Principal.OIDC);
            if (wantsHtml(ctx)) {
                ctx.redirect(p.next(), HttpStatus.SEE_OTHER);
            } else {
                ctx.json(SessionRoutes.view(account.user(), Principal.SESSION, csrf));
            }
        } catch (OidcRefusal r) {
            refuse(ctx, name, r);
        }
    }

    /** The pending sign-in named by {@code state} and this browser's flow cookie. */
    private PendingSignIns.Pending matchingSignIn(Context ctx) {
        return pending.take(ctx.queryParam("state"), ctx.cookie(FLOW_COOKIE));
    }

    private void auditAccountChange(Context ctx, OidcAccounts.Account a) {
        if (a.created()) {
            api.audit().append(a.user().name(), ctx.ip(), AuditAction.USER_CREATE, AuditEntry.OK, a.user().name(),
                    Map.of("role", a.user().role().displayName(), "via", Principal.OIDC), Principal.OIDC);
        } else if (a.previousRole() != null) {
            api.audit().append(a.user().name(), ctx.ip(), AuditAction.USER_UPDATE, AuditEntry.OK, a.user().name(),
                    Map.of("role", a.user().role().displayName(), "was", a.previousRole().displayName(), "via", Principal.OIDC),
                    Principal.OIDC);
        }
    }

    /** Counts, audits and logs the failure, then redirects a browser to the sign-in page or throws for JSON clients. */
    private void refuse(Context ctx, String name, OidcRefusal r) {
        LOG.warn("oidc sign-in from {} refused ({}): {}", ctx.ip(), r.reason(), r.getMessage());
        api.metrics().authFailure(r.reason());
        api.signInLimit().acquire("ip:" + ctx.ip());
        api.audit().append(name, ctx.ip(), AuditAction.SIGN_IN, AuditEntry.FAILED, null,
                Map.of("reason", r.reason(), "method", Principal.OIDC), Principal.OIDC);
        if (wantsHtml(ctx)) {
            ctx.redirect("/console/signin?oidc-error=" + r.reason(), HttpStatus.SEE_OTHER);
            return;
        }
        throw new ApiError(r.status(), r.reason().replace('-', '_'), r.getMessage(), Map.of());
    }

    private void requireConfigured() {
        if (settings == null) {
            throw ApiError.notFound("OIDC sign-in is not configured on this server (oidc-issuer)");
        }
    }

    private String flowCookie(String value, int maxAge) {
        // Lax, unlike the session cookie: it must come along on the provider's cross-site redirect back.
        return FLOW_COOKIE + "=" + value + "; Path=" + START + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
                + (api.config().secureCookies() ? "; Secure" : "");
    }

    /** Only console paths, so the sign-in cannot be turned into an open redirect. */
    static String safeNext(String next) {
        if (next != null && next.startsWith("/console/") && !next.startsWith("/console/signin")
                && next.matches("[A-Za-z0-9/_.~?&=%+-]{1,500}") && !next.contains("//")) {
            return next;
        }
        return "/console/trace";
    }

    private static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }
}
