package org.mailtrace.server.savedquery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mailtrace.json.TraceJson;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.store.StoreException;

/** Each user's recent searches as one document of kind {@value #KIND} (ID = the user name) in a shared store. */
public final class ClusterRecentQueries implements RecentQueryStore {
    static final String KIND = "recent-queries";
    private static final ObjectMapper JSON = TraceJson.mapper();

    private final StateDocuments documents;
    private final Clock clock;

    public ClusterRecentQueries(StateDocuments documents, Clock clock) {
        this.documents = documents;
        this.clock = clock;
    }

    @Override
    public void record(String user, SearchCriteria query) {
        List<Recent> list = new ArrayList<>(of(user));
        list.removeIf(r -> r.query().equals(query));
        list.add(0, new Recent(query, clock.instant()));
        while (list.size() > RecentQueries.KEEP) {
            list.remove(list.size() - 1);
        }
        documents.put(KIND, user, JSON.createObjectNode().set("recent", JSON.valueToTree(list)), Set.of());
    }

    @Override
    public List<Recent> of(String user) {
        return documents.get(KIND, user).map(d -> {
            try {
                return JSON.convertValue(d.source().path("recent"), new TypeReference<List<Recent>>() { });
            } catch (IllegalArgumentException e) {
                throw new StoreException("recent queries of " + user + " (kind " + KIND + ") are unreadable: " + e.getMessage()
                        + "; delete that document", e);
            }
        }).orElse(List.of());
    }
}
