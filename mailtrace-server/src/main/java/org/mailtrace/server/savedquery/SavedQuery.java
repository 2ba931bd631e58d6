package org.mailtrace.server.savedquery;

import java.time.Instant;

/**
 * A named search. Private to its owner unless saved with {@code shared}: then everyone who may
 * search sees it (filters only: each sees what their own scope allows). Its owner, or Organization
 * Management for a shared one, deletes it. Queries saved before sharing existed read as private.
 */
public record SavedQuery(String id, String name, SearchCriteria query, String owner, Instant createdAt, boolean shared) {

    /** Whether {@code user} may see (and run) this query. */
    public boolean visibleTo(String user) {
        return shared || owner.equals(user);
    }
}
