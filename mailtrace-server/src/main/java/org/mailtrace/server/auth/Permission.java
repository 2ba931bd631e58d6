package org.mailtrace.server.auth;

import io.javalin.security.RouteRole;

/**
 * What a route needs. Routes declare one permission; roles grant sets of them, so adding a route
 * never means touching every role (report and stats routes will use {@link #REPORT} and {@link #SEARCH}).
 */
public enum Permission implements RouteRole {
    /** Anyone, signed in or not: health, OpenAPI document, sign-in itself. */
    PUBLIC,
    /** Any signed-in user, whatever the role: own session, own API tokens. */
    SIGNED_IN,
    /** Search trace rows. */
    SEARCH,
    /** Open one trace: events, related traces. */
    DETAIL,
    /** Order and download reports, export. */
    REPORT,
    /** Read the audit log. */
    AUDIT,
    /** Manage users, tokens of others, settings. */
    ADMIN
}
