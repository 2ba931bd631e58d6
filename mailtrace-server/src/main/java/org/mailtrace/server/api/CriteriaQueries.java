package org.mailtrace.server.api;

import java.util.Set;
import org.mailtrace.server.savedquery.SearchCriteria;
import org.mailtrace.store.TraceQuery;

/**
 * Stored search criteria (saved queries, reports) to a store query, by exactly the rules of
 * {@code GET /api/v1/traces}, so a criterion the search refuses cannot slip in through a report.
 */
public final class CriteriaQueries {
    private CriteriaQueries() {
    }

    /** @throws ApiError 400 naming the bad criterion */
    public static TraceQuery toQuery(SearchCriteria c, Set<String> scopeDomains) {
        return TraceQueryParams.parse(c.toParams(), scopeDomains).query();
    }
}
