package org.mailtrace.server.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.mailtrace.server.audit.AuditAction;
import org.mailtrace.server.audit.AuditEntry;
import org.mailtrace.server.auth.Passwords;
import org.mailtrace.server.auth.Permission;
import org.mailtrace.server.auth.Principal;
import org.mailtrace.server.auth.Tokens;
import org.mailtrace.server.auth.User;
import org.mailtrace.server.auth.UserStore;

/**
 * Runs before every matched route: authenticates (bearer token, HTTP Basic, or console session
 * with its CSRF token on unsafe methods), applies the per-user rate limit, and checks the route's
 * permission against the user's role. Routes therefore only ever see allowed, counted requests.
 */
final class AccessControl {
    static final String SESSION_USER = "mailtrace.user";
    static final String SESSION_CSRF = "mailtrace.csrf";
    /** {@link User#sessionStamp()} at sign-in: a session whose user changed since then ends. */
    static final String SESSION_STAMP = "mailtrace.stamp";
    static final String CSRF_HEADER = "X-CSRF-Token";

    /** Verified against unknown names so a wrong name takes as long as a wrong password. */
    private static final String DUMMY_HASH = Passwords.hash("not-a-real-password-" + Tokens.newId());

    private final ApiContext api;

    AccessControl(ApiContext api) {
        this.api = api;
    }

    void check(Context ctx) {
        Permission need = permission(ctx);
        if (need == Permission.PUBLIC) {
            return;
        }
        Principal p = authenticate(ctx);
        if (p.method().equals(Principal.SESSION) && unsafe(ctx.method())) {
            requireCsrf(ctx);
        }
        long wait = api.requestLimit().acquire("user:" + p.name());
        if (wait > 0) {
            api.metrics().rateLimited();
            throw ApiError.tooManyRequests(wait, "rate limit: at most " + api.requestLimit().limit() + " requests per "
                    + api.requestLimit().window().toSeconds() + " s per user; retry after " + wait + " s");
        }
        if (!p.user().role().allows(need)) {
            api.audit().append(p.name(), ctx.ip(), AuditAction.ACCESS_DENIED, AuditEntry.DENIED, ctx.method() + " " + ctx.path(),
                    Map.of("need", need.name()), p.method());
            throw ApiError.forbidden("the role " + p.user().role().displayName() + " may not do this (needs " + need.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        ctx.attribute(Caller.ATTRIBUTE, p);
    }

    private static Permission permission(Context ctx) {
        for (RouteRole r : ctx.routeRoles()) {
            if (r instanceof Permission p) {
                return p;
            }
        }
        // A route registered without a permission is a bug; refuse rather than open it.
        throw ApiError.forbidden("this route declares no permission");
    }

    private Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            return fromHeader(ctx, header);
        }
        HttpSession session = ctx.req().getSession(false);
        if (session != null && session.getAttribute(SESSION_USER) instanceof String name) {
            Optional<User> u = api.users().find(name);
            if (u.isPresent() && u.get().sessionStamp().equals(session.getAttribute(SESSION_STAMP))) {
                return new Principal(u.get(), Principal.SESSION, null);
            }
            session.invalidate();
            if (u.isPresent()) {
                api.metrics().authFailure("session-ended");
                throw ApiError.unauthorized("the password, role or domains of " + name + " changed since this session began; sign in again");
            }
        }
        throw ApiError.unauthorized("sign in: POST /api/v1/session, or send 'Authorization: Bearer TOKEN' or HTTP Basic");
    }

    private Principal fromHeader(Context ctx, String header) {
        // Only password checks are blocked after failures: tokens carry 256 random bits, nothing to guess.
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String secret = header.substring(7).trim();
            Optional<UserStore.TokenOwner> owner = api.users().findByTokenHash(Tokens.sha256(secret));
            if (owner.isPresent()) {
                return new Principal(owner.get().user(), Principal.TOKEN, owner.get().token().id());
            }
            throw failed(ctx, null, "unknown-token", "unknown or revoked API token");
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw failed(ctx, null, "malformed", "malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw failed(ctx, null, "malformed", "malformed Basic credentials");
            }
            String name = decoded.substring(0, colon);
            Principal p = verifyPassword(ctx, name, decoded.substring(colon + 1));
            return new Principal(p.user(), Principal.BASIC, null);
        }
        throw failed(ctx, null, "malformed", "unsupported Authorization scheme; use Bearer or Basic");
    }

    /** Checks a name and password (Basic, or the sign-in form); failures are counted per remote address and audited. */
    Principal verifyPassword(Context ctx, String name, String password) {
        if (!api.config().signIn().password()) {
            api.metrics().authFailure("password-off");
            api.audit().append(name == null || name.length() > 64 ? null : name, ctx.ip(), AuditAction.SIGN_IN,
                    AuditEntry.FAILED, null, Map.of("reason", "password-off"), null);
            throw new ApiError(403, "password_sign_in_off", "password sign-in is turned off on this server (password-sign-in = false);"
                    + " sign in with " + api.config().signIn().oidc().providerName() + ", or use an API token", Map.of());
        }
        long blocked = api.signInLimit().retryAfter("ip:" + ctx.ip());
        if (blocked > 0) {
            throw ApiError.tooManyRequests(blocked, "too many failed sign-ins from " + ctx.ip() + "; retry after " + blocked + " s");
        }
        Optional<User> u = api.users().find(name);
        // OIDC-only accounts have no hash: check the dummy so they answer as slowly as a wrong password.
        String hash = u.map(User::passwordHash).orElse(null);
        if (hash == null) {
            hash = DUMMY_HASH;
        }
        boolean ok = Passwords.matches(password, hash);
        if (u.isEmpty() || u.get().passwordHash() == null || !ok) {
            throw failed(ctx, name, "bad-password", "wrong user name or password");
        }
        return new Principal(u.get(), Principal.BASIC, null);
    }

    private ApiError failed(Context ctx, String name, String reason, String detail) {
        api.metrics().authFailure(reason);
        api.signInLimit().acquire("ip:" + ctx.ip());
        api.audit().append(name == null || name.length() > 64 ? null : name, ctx.ip(), AuditAction.SIGN_IN,
                AuditEntry.FAILED, null, Map.of("reason", reason), null);
        return ApiError.unauthorized(detail);
    }

    private static void requireCsrf(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        Object expected = session == null ? null : session.getAttribute(SESSION_CSRF);
        String given = ctx.header(CSRF_HEADER);
        if (!(expected instanceof String e) || given == null
                || !MessageDigest.isEqual(e.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(403, "csrf", "missing or wrong " + CSRF_HEADER + " header; take it from the sign-in answer or GET /api/v1/session", Map.of());
        }
    }

    private static boolean unsafe(HandlerType m) {
        return m != HandlerType.GET && m != HandlerType.HEAD && m != HandlerType.OPTIONS;
    }
}
