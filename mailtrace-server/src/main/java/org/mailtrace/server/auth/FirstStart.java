package org.mailtrace.server.auth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A fresh install must be usable and must not be open: when there are no users, the account
 * {@code admin} (Organization Management) is created with the password from
 * {@code MAILTRACE_ADMIN_PASSWORD}, or with a random one that is returned so the caller prints it once.
 */
public final class FirstStart {
    public static final String ADMIN = "admin";

    private FirstStart() {
    }

    /**
     * @param envPassword the value of MAILTRACE_ADMIN_PASSWORD, or null
     * @return the generated password when one was generated; empty when users existed or the
     *         environment supplied it
     */
    public static Optional<String> ensureAdmin(UserStore users, String envPassword, Clock clock) {
        if (!users.list().isEmpty()) {
            return Optional.empty();
        }
        boolean generate = envPassword == null || envPassword.isEmpty();
        String password = generate ? Passwords.random() : envPassword;
        try {
            users.create(new User(ADMIN, Role.OrganizationManagement, Set.of(), Passwords.hash(password), List.of(), clock.instant()));
        } catch (IllegalStateException createdByAnotherServer) {
            return Optional.empty(); // servers sharing one store started together: the first one made it
        }
        return generate ? Optional.of(password) : Optional.empty();
    }
}
