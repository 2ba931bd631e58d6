package org.mailtrace.server.savedquery;

import java.util.List;
import java.util.Optional;

/**
 * Where saved searches live. Contract: a change is durable when the method returns and seen by the
 * next read of every server on the same store; newest first; at most {@link SavedQueries#MAX}.
 * {@link SavedQueries} keeps {@code DIR/queries.json}; {@link ClusterSavedQueries} one document per query.
 */
public interface SavedQueryStore {

    /** The queries {@code user} may see: their own and the shared ones, newest first. */
    List<SavedQuery> visibleTo(String user);

    Optional<SavedQuery> find(String id);

    /** @throws IllegalStateException when {@link SavedQueries#MAX} queries exist */
    SavedQuery add(String name, SearchCriteria query, String owner, boolean shared);

    boolean remove(String id);
}
