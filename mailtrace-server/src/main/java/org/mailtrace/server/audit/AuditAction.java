package org.mailtrace.server.audit;

import java.util.Locale;

/** What the audit log records; the lead adds REPORT and EXPORT uses with the report routes. */
public enum AuditAction {
    SEARCH, DETAIL, REPORT, EXPORT, SIGN_IN, SIGN_OUT, USER_CREATE, USER_UPDATE, USER_DELETE,
    TOKEN_CREATE, TOKEN_REVOKE, AUDIT_READ, ACCESS_DENIED;

    /** The name written to the log: lower case with dashes ({@code sign-in}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
