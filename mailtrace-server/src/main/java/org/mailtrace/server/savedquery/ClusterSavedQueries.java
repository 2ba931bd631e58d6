package org.mailtrace.server.savedquery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.mailtrace.json.TraceJson;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.store.StoreException;

/** Saved searches as documents of kind {@value #KIND} (ID = the query's ID) in a store several servers share. */
public final class ClusterSavedQueries implements SavedQueryStore {
    static final String KIND = "saved-queries";
    private static final ObjectMapper JSON = TraceJson.mapper();

    private final StateDocuments documents;
    private final Clock clock;

    public ClusterSavedQueries(StateDocuments documents, Clock clock) {
        this.documents = documents;
        this.clock = clock;
    }

    @Override
    public List<SavedQuery> visibleTo(String user) {
        return all().stream().filter(q -> q.visibleTo(user)).toList();
    }

    @Override
    public Optional<SavedQuery> find(String id) {
        return documents.get(KIND, id).map(ClusterSavedQueries::query);
    }

    /** The cap is checked against what the store holds now; servers adding at the same moment may pass it by a few. */
    @Override
    public SavedQuery add(String name, SearchCriteria query, String owner, boolean shared) {
        if (documents.all(KIND).size() >= SavedQueries.MAX) {
            throw new IllegalStateException("there are already " + SavedQueries.MAX + " saved queries; delete some first");
        }
        SavedQuery q = new SavedQuery(UUID.randomUUID().toString(), name, query, owner, clock.instant(), shared);
        if (!documents.create(KIND, q.id(), JSON.valueToTree(q), Set.of())) {
            throw new IllegalStateException("saved query " + q.id() + " exists already (a random UUID taken twice); save again");
        }
        return q;
    }

    @Override
    public boolean remove(String id) {
        return documents.delete(KIND, id);
    }

    private List<SavedQuery> all() {
        return documents.all(KIND).stream().map(ClusterSavedQueries::query)
                .sorted(Comparator.comparing(SavedQuery::createdAt).reversed().thenComparing(SavedQuery::id)).toList();
    }

    private static SavedQuery query(StateDocuments.Document d) {
        try {
            return JSON.treeToValue(d.source(), SavedQuery.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("saved query document " + d.id() + " (kind " + KIND + ") is unreadable: "
                    + e.getOriginalMessage() + "; fix or delete that document", e);
        }
    }
}
