package org.mailtrace.server.auth.oidc;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailtrace.server.auth.Role;
import org.mailtrace.server.auth.User;
import org.mailtrace.server.auth.UserStore;

/**
 * Turns a verified identity into a mailtrace account. The provider says who someone is; what they
 * may do comes from the local account of that name (role, domain scopes) or, when
 * {@code oidc-role-claim} is set, from their groups mapped through {@code oidc-role-map}, the most
 * powerful mapped role winning and being written to the account so API tokens follow it too.
 * Nobody gets in without an account, unless {@code oidc-create-users} lets a mapped role create one,
 * and only accounts without a password (OIDC-only) can be entered this way.
 */
public final class OidcAccounts {
    private final OidcSettings settings;
    private final UserStore users;
    private final Clock clock;

    public OidcAccounts(OidcSettings settings, UserStore users, Clock clock) {
        this.settings = settings;
        this.users = users;
        this.clock = clock;
    }

    /**
     * The account signing in.
     *
     * @param user         the account as stored after this sign-in
     * @param created      it was created just now
     * @param previousRole the role it had before the role claim changed it, else null
     */
    public record Account(User user, boolean created, Role previousRole) {
    }

    /**
     * @param name the user name from {@link #userName}
     * @throws OidcRefusal {@link OidcRefusal#UNKNOWN_USER} or {@link OidcRefusal#NO_ROLE}
     */
    public Account resolve(String name, IDTokenClaimsSet claims) {
        Optional<Role> claimed = settings.roleClaim() == null ? Optional.empty() : Optional.of(mappedRole(claims, name));
        Optional<User> existing = users.find(name);
        if (existing.isEmpty()) {
            if (!settings.createUsers() || claimed.isEmpty()) {
                throw new OidcRefusal(OidcRefusal.UNKNOWN_USER, 403, name + ": no mailtrace account of this name; an administrator"
                        + " adds it with 'mailtrace user add " + name + " --role ROLE --oidc-only'");
            }
            User fresh = new User(name, claimed.get(), Set.of(), null, List.of(), clock.instant());
            try {
                users.create(fresh);
                return new Account(fresh, true, null);
            } catch (IllegalStateException raced) {
                existing = users.find(name);
                if (existing.isEmpty()) {
                    throw raced;
                }
            }
        }
        User u = existing.get();
        if (u.passwordHash() != null) {
            // The provider's name claim is not a stable identity (some providers let users edit it): an
            // account that signs in with a password, such as admin, must never be entered through OIDC.
            throw new OidcRefusal(OidcRefusal.PASSWORD_ACCOUNT, 403, name + ": this mailtrace account signs in with a password,"
                    + " not through the identity provider; an administrator makes it OIDC-only by deleting it and adding it again"
                    + " with 'mailtrace user add " + name + " --role ROLE --oidc-only'");
        }
        if (claimed.isPresent() && claimed.get() != u.role()) {
            User changed = u.withRole(claimed.get());
            users.update(changed);
            return new Account(changed, false, u.role());
        }
        return new Account(u, false, null);
    }

    /**
     * The first configured claim that holds a usable name; an email claim counts only if not marked unverified.
     *
     * @throws OidcRefusal {@link OidcRefusal#NAME}
     */
    public String userName(IDTokenClaimsSet claims) {
        for (String claim : settings.nameClaims()) {
            if (!(claims.getClaim(claim) instanceof String value) || value.isBlank()) {
                continue;
            }
            if (claim.equals("email") && Boolean.FALSE.equals(claims.getClaim("email_verified"))) {
                continue;
            }
            try {
                return User.normalizeName(value);
            } catch (IllegalArgumentException e) {
                throw new OidcRefusal(OidcRefusal.NAME, 403, "claim " + claim + " of subject " + claims.getSubject()
                        + ": " + e.getMessage() + "; choose another claim with oidc-name-claim");
            }
        }
        throw new OidcRefusal(OidcRefusal.NAME, 403, "subject " + claims.getSubject() + ": the ID token has none of the claims "
                + settings.nameClaims() + " (an email must not be marked unverified); configure the provider to send one, or change oidc-name-claim");
    }

    /** The strongest role any of the user's groups maps to (roles are declared strongest first). */
    Role mappedRole(IDTokenClaimsSet claims, String name) {
        List<String> groups = values(claims.toJSONObject(), settings.roleClaim());
        Role best = null;
        for (String g : groups) {
            Role r = settings.roleMap().get(g);
            if (r != null && (best == null || r.ordinal() < best.ordinal())) {
                best = r;
            }
        }
        if (best == null) {
            throw new OidcRefusal(OidcRefusal.NO_ROLE, 403, name + ": none of the values " + clip(groups) + " of claim "
                    + settings.roleClaim() + " maps to a mailtrace role; oidc-role-map knows " + settings.roleMap().keySet());
        }
        return best;
    }

    /** A claim's string values; a dotted name walks into objects ({@code realm_access.roles} for Keycloak realm roles). */
    static List<String> values(Map<String, Object> json, String path) {
        Object at = json;
        for (String part : path.split("\\.")) {
            at = at instanceof Map<?, ?> m ? m.get(part) : null;
        }
        List<String> out = new ArrayList<>();
        if (at instanceof String s) {
            out.add(s);
        } else if (at instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String clip(List<String> groups) {
        String s = groups.toString();
        return s.length() > 200 ? s.substring(0, 200) + "...]" : s;
    }
}
