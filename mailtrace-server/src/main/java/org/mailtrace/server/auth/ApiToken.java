package org.mailtrace.server.auth;

import java.time.Instant;

/**
 * One API token of a user, as stored: only the SHA-256 of the secret is kept, so a leaked
 * users.json does not leak usable tokens. The secret is shown once, when the token is created.
 *
 * @param id      public handle to list and revoke it (not secret)
 * @param label   what the user called it ("prometheus", "nightly export")
 * @param sha256  hex SHA-256 of the whole secret token string
 * @param created when it was created
 */
public record ApiToken(String id, String label, String sha256, Instant created) {
}
