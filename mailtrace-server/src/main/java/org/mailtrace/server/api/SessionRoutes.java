package org.mailtrace.server.api;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpSession;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.security.SecureRandom;
import org.mailtrace.server.audit.AuditAction;
import org.mailtrace.server.audit.AuditEntry;
import org.mailtrace.server.auth.Permission;
import org.mailtrace.server.auth.Principal;
import org.mailtrace.server.auth.User;

/**
 * Console sign-in and sign-out: {@code POST /api/v1/session} with name and password starts a
 * session (a new session ID every time, against fixation) and answers the CSRF token that every
 * unsafe request of that session must carry in {@code X-CSRF-Token}. OIDC sign-in
 * ({@link OidcRoutes}) ends in the same kind of session; {@code GET /api/v1/session/methods} tells
 * the sign-in page which methods to offer.
 */
final class SessionRoutes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiContext api;
    private final AccessControl access;

    SessionRoutes(ApiContext api, AccessControl access) {
        this.api = api;
        this.access = access;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/session/methods", Permission.PUBLIC, this::methods);
        routes.post("/api/v1/session", Permission.PUBLIC, this::signIn);
        routes.get("/api/v1/session", Permission.SIGNED_IN, this::current);
        routes.delete("/api/v1/session", Permission.SIGNED_IN, this::signOut);
    }

    record SignIn(String name, String password) {
    }

    /** Who is signed in; {@code csrfToken} only for console sessions. */
    record SessionView(String name, String role, List<String> domains, String auth, String csrfToken) {
    }

    /** What the sign-in page offers; {@code oidc} is null when OIDC is not configured. */
    record MethodsView(boolean password, OidcView oidc) {
    }

    /** @param name the provider's name for the button; @param start where the button goes */
    record OidcView(String name, String start) {
    }

    private void methods(Context ctx) {
        var signIn = api.config().signIn();
        ctx.json(new MethodsView(signIn.password(),
                signIn.oidc() == null ? null : new OidcView(signIn.oidc().providerName(), OidcRoutes.START)));
    }

    private void signIn(Context ctx) {
        SignIn body = JsonBodies.read(ctx, SignIn.class);
        if (body.name() == null || body.password() == null) {
            throw ApiError.badRequest("send {\"name\": ..., \"password\": ...}");
        }
        Principal p = access.verifyPassword(ctx, body.name(), body.password());
        String token = startSession(ctx, p.user());
        api.audit().append(p.name(), ctx.ip(), AuditAction.SIGN_IN, AuditEntry.OK, null, Map.of(), Principal.SESSION);
        ctx.json(view(p.user(), Principal.SESSION, token));
    }

    /**
     * Starts a console session for the user after whatever proved who they are (password, OIDC):
     * always a new session ID, against fixation. Returns the session's CSRF token.
     */
    static String startSession(Context ctx, User user) {
        HttpSession old = ctx.req().getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = ctx.req().getSession(true);
        byte[] csrf = new byte[32];
        RANDOM.nextBytes(csrf);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(csrf);
        session.setAttribute(AccessControl.SESSION_USER, user.name());
        session.setAttribute(AccessControl.SESSION_STAMP, user.sessionStamp());
        session.setAttribute(AccessControl.SESSION_CSRF, token);
        return token;
    }

    /** Keeps the current session valid after its own user's account changed (see {@link User#sessionStamp()}). */
    static void restamp(Context ctx, User user) {
        HttpSession session = ctx.req().getSession(false);
        if (session != null) {
            session.setAttribute(AccessControl.SESSION_STAMP, user.sessionStamp());
        }
    }

    private void current(Context ctx) {
        Principal p = Caller.of(ctx);
        String csrf = null;
        if (p.method().equals(Principal.SESSION)) {
            HttpSession s = ctx.req().getSession(false);
            csrf = s == null ? null : (String) s.getAttribute(AccessControl.SESSION_CSRF);
        }
        ctx.json(view(p.user(), p.method(), csrf));
    }

    private void signOut(Context ctx) {
        Principal p = Caller.of(ctx);
        HttpSession s = ctx.req().getSession(false);
        if (s != null) {
            s.invalidate();
        }
        api.audit().append(p.name(), ctx.ip(), AuditAction.SIGN_OUT, AuditEntry.OK, null, Map.of(), p.method());
        ctx.status(204);
    }

    static SessionView view(User u, String auth, String csrf) {
        return new SessionView(u.name(), u.role().displayName(), List.copyOf(u.domains()), auth, csrf);
    }
}
