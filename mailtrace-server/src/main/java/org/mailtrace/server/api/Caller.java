package org.mailtrace.server.api;

import io.javalin.http.Context;
import org.mailtrace.server.auth.Principal;

/** The authenticated principal of a request, put there by {@link AccessControl}. */
final class Caller {
    static final String ATTRIBUTE = "mailtrace.principal";

    private Caller() {
    }

    static Principal of(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) {
            throw ApiError.unauthorized("sign in first");
        }
        return p;
    }
}
