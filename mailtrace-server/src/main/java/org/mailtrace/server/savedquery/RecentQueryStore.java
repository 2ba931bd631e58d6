package org.mailtrace.server.savedquery;

import java.time.Instant;
import java.util.List;

/**
 * Each user's last searches ({@link RecentQueries#KEEP}, newest first, without repeats). Contract: what
 * {@link #record} stored is returned by the next {@link #of} on any server of the same store; two
 * searches of one user at the same moment may keep only one of the two (it is a convenience list).
 * {@link RecentQueries} keeps a file per user; {@link ClusterRecentQueries} a document per user.
 */
public interface RecentQueryStore {

    /** One remembered search. */
    record Recent(SearchCriteria query, Instant at) {
    }

    void record(String user, SearchCriteria query);

    List<Recent> of(String user);
}
