package org.mailtrace.server.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the audit log: who did what, when, from where, with which filter.
 *
 * @param seq      position in the log, 1 for the first line ever written; pages by it
 * @param time     when, UTC
 * @param user     the account name; for failed sign-ins the name that was tried (or null)
 * @param remoteIp the client address as the server saw it
 * @param action   {@link AuditAction} name in lower case ({@code search}, {@code detail}, {@code sign-in}...)
 * @param outcome  {@code ok}, {@code denied} or {@code failed}
 * @param target   what it acted on: a trace ID, a user name, a token ID; or null
 * @param filter   the request's criteria (query parameters, changed fields; never passwords or tokens)
 * @param auth     how the user authenticated: session, token, basic; or null
 */
public record AuditEntry(long seq, Instant time, String user, String remoteIp, String action, String outcome,
                         String target, Map<String, Object> filter, String auth) {
    public AuditEntry {
        filter = filter == null ? Map.of() : filter;
    }

    public static final String OK = "ok";
    public static final String DENIED = "denied";
    public static final String FAILED = "failed";
}
