package org.mailtrace.server.auth;

/**
 * Who is calling, and how they proved it.
 *
 * @param user    the account, as stored now (role and domain changes apply on the next request)
 * @param method  {@code session}, {@code token} or {@code basic}
 * @param tokenId the API token's public ID when {@code method} is {@code token}, else null
 */
public record Principal(User user, String method, String tokenId) {
    public static final String SESSION = "session";
    public static final String TOKEN = "token";
    public static final String BASIC = "basic";
    /** How an OIDC sign-in is recorded in the audit log; the session it starts is a {@link #SESSION}. */
    public static final String OIDC = "oidc";

    public String name() {
        return user.name();
    }
}
