package org.mailtrace.server.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailtrace.server.audit.AuditAction;
import org.mailtrace.server.audit.AuditEntry;
import org.mailtrace.server.auth.ApiToken;
import org.mailtrace.server.auth.Passwords;
import org.mailtrace.server.auth.Permission;
import org.mailtrace.server.auth.Principal;
import org.mailtrace.server.auth.Role;
import org.mailtrace.server.auth.ScopeDomains;
import org.mailtrace.server.auth.Tokens;
import org.mailtrace.server.auth.User;

/**
 * Accounts and API tokens. Users are managed by Organization Management only; every signed-in
 * user may list, create and revoke their own tokens. The last Organization Management account
 * cannot be deleted or demoted, so the server cannot be locked out of its own administration.
 *
 * <p>An Organization Management account with a domain scope manages only accounts its scope
 * covers ({@link ScopeDomains#covers}): it sees, changes, deletes and mints tokens for those only,
 * and every scope it gives (its own included) must stay within its own, so it can never create or
 * widen an account into something broader than itself.
 *
 * <p>A change of password, role or domains ends the user's console sessions (through
 * {@link User#sessionStamp()}); a change that takes anything away ({@link User#downgradedBy})
 * also revokes their API tokens.
 */
final class UserRoutes {
    private final ApiContext api;

    UserRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/users", Permission.ADMIN, this::list);
        routes.post("/api/v1/users", Permission.ADMIN, this::create);
        routes.get("/api/v1/users/{name}", Permission.ADMIN, this::get);
        routes.patch("/api/v1/users/{name}", Permission.ADMIN, this::update);
        routes.delete("/api/v1/users/{name}", Permission.ADMIN, this::delete);
        routes.get("/api/v1/users/{name}/tokens", Permission.SIGNED_IN, this::listTokens);
        routes.post("/api/v1/users/{name}/tokens", Permission.SIGNED_IN, this::createToken);
        routes.delete("/api/v1/users/{name}/tokens/{id}", Permission.SIGNED_IN, this::revokeToken);
    }

    /** {@code oidcOnly}: no password; the account signs in through OIDC only. */
    record NewUser(String name, String role, List<String> domains, String password, Boolean oidcOnly) {
    }

    record UserChange(String role, List<String> domains, String password) {
    }

    record NewToken(String label) {
    }

    record TokenView(String id, String label, Instant created) {
    }

    /** Shown once: the secret is not stored and cannot be shown again. */
    record CreatedToken(String id, String label, Instant created, String token) {
    }

    record UserView(String name, String role, List<String> domains, Instant created, List<TokenView> tokens) {
    }

    private void list(Context ctx) {
        Principal p = Caller.of(ctx);
        ctx.json(Map.of("users", api.users().list().stream().filter(u -> manages(p, u)).map(UserRoutes::view).toList()));
    }

    private void get(Context ctx) {
        ctx.json(view(managed(Caller.of(ctx), ctx.pathParam("name"))));
    }

    private void create(Context ctx) {
        Principal p = Caller.of(ctx);
        NewUser body = JsonBodies.read(ctx, NewUser.class);
        boolean oidcOnly = Boolean.TRUE.equals(body.oidcOnly());
        if (body.name() == null || body.role() == null || (body.password() == null) != oidcOnly) {
            throw ApiError.badRequest("send {\"name\", \"role\", \"password\"} (or \"oidcOnly\": true instead of a password)"
                    + " and optionally \"domains\"");
        }
        Set<String> domains = domains(body.domains());
        requireWithinScope(p, domains);
        User u = new User(body.name(), Role.parse(body.role()), domains, oidcOnly ? null : Passwords.hash(body.password()),
                List.of(), api.clock().instant());
        if (api.users().find(u.name()).isPresent()) {
            throw ApiError.conflict("user " + u.name() + " already exists");
        }
        api.users().create(u);
        audit(ctx, p, AuditAction.USER_CREATE, u.name(), changes(body.role(), body.domains(), false));
        ctx.status(201).json(view(u));
    }

    private void update(Context ctx) {
        Principal p = Caller.of(ctx);
        User u = managed(p, ctx.pathParam("name"));
        UserChange body = JsonBodies.read(ctx, UserChange.class);
        User next = u;
        if (body.role() != null) {
            next = next.withRole(Role.parse(body.role()));
        }
        if (body.domains() != null) {
            Set<String> domains = domains(body.domains());
            requireWithinScope(p, domains);
            next = next.withDomains(domains);
        }
        if (body.password() != null) {
            next = next.withPasswordHash(Passwords.hash(body.password()));
        }
        if (u.role() == Role.OrganizationManagement && next.role() != Role.OrganizationManagement) {
            requireAnotherAdmin(u);
        }
        Map<String, Object> changed = changes(body.role(), body.domains(), body.password() != null);
        if (u.downgradedBy(next) && !u.tokens().isEmpty()) {
            changed.put("tokensRevoked", u.tokens().size());
            next = next.withTokens(List.of());
        }
        api.users().update(next);
        if (p.method().equals(Principal.SESSION) && p.name().equals(next.name())) {
            // Whoever changes their own account in the console stays signed in; their other sessions end.
            SessionRoutes.restamp(ctx, next);
        }
        audit(ctx, p, AuditAction.USER_UPDATE, u.name(), changed);
        ctx.json(view(next));
    }

    private void delete(Context ctx) {
        Principal p = Caller.of(ctx);
        User u = managed(p, ctx.pathParam("name"));
        if (u.role() == Role.OrganizationManagement) {
            requireAnotherAdmin(u);
        }
        api.users().delete(u.name());
        audit(ctx, p, AuditAction.USER_DELETE, u.name(), Map.of());
        ctx.status(204);
    }

    private void listTokens(Context ctx) {
        User u = selfOrAdmin(ctx);
        ctx.json(Map.of("tokens", u.tokens().stream().map(t -> new TokenView(t.id(), t.label(), t.created())).toList()));
    }

    private void createToken(Context ctx) {
        Principal p = Caller.of(ctx);
        User u = selfOrAdmin(ctx);
        NewToken body = JsonBodies.read(ctx, NewToken.class);
        String label = body.label() == null ? "" : body.label().strip();
        if (label.length() > 100 || label.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("label: at most 100 characters without control characters");
        }
        if (u.tokens().size() >= 100) {
            throw ApiError.conflict("user " + u.name() + " has 100 tokens; revoke some first");
        }
        String secret = Tokens.newSecret();
        ApiToken t = new ApiToken(Tokens.newId(), label, Tokens.sha256(secret), api.clock().instant());
        List<ApiToken> tokens = new ArrayList<>(u.tokens());
        tokens.add(t);
        api.users().update(u.withTokens(tokens));
        audit(ctx, p, AuditAction.TOKEN_CREATE, u.name() + "/" + t.id(), Map.of("label", label));
        ctx.status(201).json(new CreatedToken(t.id(), t.label(), t.created(), secret));
    }

    private void revokeToken(Context ctx) {
        Principal p = Caller.of(ctx);
        User u = selfOrAdmin(ctx);
        String id = ctx.pathParam("id");
        List<ApiToken> kept = u.tokens().stream().filter(t -> !t.id().equals(id)).toList();
        if (kept.size() == u.tokens().size()) {
            throw ApiError.notFound("user " + u.name() + " has no token " + TraceQueryParams.clip(id));
        }
        api.users().update(u.withTokens(kept));
        audit(ctx, p, AuditAction.TOKEN_REVOKE, u.name() + "/" + id, Map.of());
        ctx.status(204);
    }

    private User selfOrAdmin(Context ctx) {
        Principal p = Caller.of(ctx);
        String name = ctx.pathParam("name");
        if (p.name().equalsIgnoreCase(name)) {
            return existing(name);
        }
        if (!p.user().role().allows(Permission.ADMIN)) {
            throw ApiError.forbidden("only Organization Management may manage other users' tokens");
        }
        return managed(p, name);
    }

    /** Whether the caller's scope covers the account: unscoped administrators manage everyone. */
    private static boolean manages(Principal p, User u) {
        return ScopeDomains.covers(p.user().domains(), u.domains());
    }

    /** The account, when the caller may manage it; 403 naming both scopes otherwise. */
    private User managed(Principal p, String name) {
        User u = existing(name);
        if (!manages(p, u)) {
            throw ApiError.forbidden("user " + u.name() + " sees " + scopeText(u.domains()) + ", more than your domains "
                    + p.user().domains() + "; an account without a domain scope must manage it");
        }
        return u;
    }

    private static void requireWithinScope(Principal p, Set<String> domains) {
        if (!ScopeDomains.covers(p.user().domains(), domains)) {
            throw ApiError.forbidden("domains " + scopeText(domains) + " go beyond your own " + p.user().domains()
                    + "; give domains within yours (subdomains count)");
        }
    }

    private static String scopeText(Set<String> domains) {
        return domains.isEmpty() ? "every domain" : domains.toString();
    }

    private User existing(String name) {
        return api.users().find(name).orElseThrow(() -> ApiError.notFound("no user " + TraceQueryParams.clip(name)));
    }

    private void requireAnotherAdmin(User u) {
        boolean another = api.users().list().stream()
                .anyMatch(o -> o.role() == Role.OrganizationManagement && !o.name().equals(u.name()));
        if (!another) {
            throw ApiError.conflict(u.name() + " is the last Organization Management account; make another one first");
        }
    }

    private static Set<String> domains(List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        for (String d : given == null ? List.<String>of() : given) {
            out.add(User.normalizeDomain(d));
        }
        return out;
    }

    private static Map<String, Object> changes(String role, List<String> domains, boolean password) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (role != null) {
            m.put("role", role);
        }
        if (domains != null) {
            m.put("domains", domains);
        }
        if (password) {
            m.put("password", "changed");
        }
        return m;
    }

    private void audit(Context ctx, Principal p, AuditAction action, String target, Map<String, Object> filter) {
        api.audit().append(p.name(), ctx.ip(), action, AuditEntry.OK, target, filter, p.method());
    }

    private static UserView view(User u) {
        return new UserView(u.name(), u.role().displayName(), List.copyOf(u.domains()), u.created(),
                u.tokens().stream().map(t -> new TokenView(t.id(), t.label(), t.created())).toList());
    }
}
