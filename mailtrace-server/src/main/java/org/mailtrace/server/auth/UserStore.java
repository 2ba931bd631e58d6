package org.mailtrace.server.auth;

import java.util.List;
import java.util.Optional;

/**
 * Where accounts live. Contract: every change is durable when the method returns (or it throws
 * and nothing changed); names are unique; token hashes are unique across all users; safe for
 * concurrent use. The file-backed implementation is {@link JsonFileUserStore}; a directory
 * (LDAP, OIDC groups) could implement this later.
 */
public interface UserStore {

    /** All users, by name. */
    List<User> list();

    Optional<User> find(String name);

    /** The user owning the token whose SHA-256 is given, with that token. */
    Optional<TokenOwner> findByTokenHash(String sha256);

    /** Adds a new user; {@link IllegalStateException} when the name is taken. */
    void create(User user);

    /** Replaces an existing user; {@link java.util.NoSuchElementException} when there is none. */
    void update(User user);

    /** Removes a user; false when there was none. */
    boolean delete(String name);

    /** A user with the token that authenticated them. */
    record TokenOwner(User user, ApiToken token) {
    }
}
