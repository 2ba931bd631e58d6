package org.mailtrace.server.savedquery;

import java.time.Instant;

/** A named search shared in the organisation: anyone who may search sees it; owner or admins delete it. */
public record SavedQuery(String id, String name, SearchCriteria query, String owner, Instant createdAt) {
}
