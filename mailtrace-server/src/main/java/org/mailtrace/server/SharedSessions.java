package org.mailtrace.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.session.AbstractSessionDataStore;
import org.eclipse.jetty.session.SessionData;
import org.mailtrace.json.TraceJson;
import org.mailtrace.state.StateDocuments;

/**
 * Console sessions (Jetty's session data) as documents of kind {@value #KIND} in a store several
 * servers share, so a sign-in on one server is a session on every other: the cookie holds only the
 * random session ID, the document holds the user, the stamp of their account and the CSRF token. Used
 * with Jetty's {@code NullSessionCache}, so every request reads the session from the store (a GET by
 * ID, realtime) and a sign-out or an account change on one server ends the session on all of them.
 *
 * <p>Attributes are kept as JSON strings, never Java-serialised objects: whoever can write the index
 * must not be able to make the server deserialise a class of their choosing. A non-string attribute is a
 * programming error and fails the request.
 */
final class SharedSessions extends AbstractSessionDataStore {
    static final String KIND = "sessions";

    private final StateDocuments documents;

    SharedSessions(StateDocuments documents) {
        this.documents = documents;
    }

    @Override
    public boolean isPassivating() {
        return true;
    }

    @Override
    public boolean doExists(String id) {
        return documents.get(KIND, id).map(d -> {
            long expiry = d.source().path("expiry").asLong();
            return expiry <= 0 || expiry > System.currentTimeMillis();
        }).orElse(false);
    }

    @Override
    public void doStore(String id, SessionData data, long lastSaveTime) {
        ObjectNode doc = TraceJson.mapper().createObjectNode();
        doc.put("contextPath", data.getContextPath());
        doc.put("vhost", data.getVhost());
        doc.put("created", data.getCreated());
        doc.put("accessed", data.getAccessed());
        doc.put("lastAccessed", data.getLastAccessed());
        doc.put("maxInactiveMs", data.getMaxInactiveMs());
        doc.put("expiry", data.getExpiry());
        doc.put("cookieSet", data.getCookieSet());
        doc.put("lastNode", data.getLastNode());
        doc.put("lastSaved", data.getLastSaved());
        ObjectNode attributes = doc.putObject("attributes");
        for (Map.Entry<String, Object> a : data.getAllAttributes().entrySet()) {
            if (!(a.getValue() instanceof String s)) {
                throw new IllegalStateException("session " + id + ": attribute " + a.getKey() + " is a "
                        + (a.getValue() == null ? "null" : a.getValue().getClass().getName())
                        + "; shared sessions keep strings only");
            }
            attributes.put(a.getKey(), s);
        }
        documents.put(KIND, id, doc, Set.of());
    }

    @Override
    public SessionData doLoad(String id) {
        return documents.get(KIND, id).map(d -> data(id, d.source())).orElse(null);
    }

    private SessionData data(String id, JsonNode doc) {
        SessionData data = newSessionData(id, doc.path("created").asLong(), doc.path("accessed").asLong(),
                doc.path("lastAccessed").asLong(), doc.path("maxInactiveMs").asLong());
        data.setContextPath(doc.path("contextPath").asText(_context.getCanonicalContextPath()));
        data.setVhost(doc.path("vhost").asText(_context.getVhost()));
        data.setExpiry(doc.path("expiry").asLong());
        data.setCookieSet(doc.path("cookieSet").asLong());
        data.setLastNode(doc.path("lastNode").asText(null));
        data.setLastSaved(doc.path("lastSaved").asLong());
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("attributes").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> a = it.next();
            data.setAttribute(a.getKey(), a.getValue().asText());
        }
        data.setDirty(false);
        return data;
    }

    @Override
    public boolean delete(String id) {
        return documents.delete(KIND, id);
    }

    @Override
    public Set<String> doCheckExpired(Set<String> candidates, long time) {
        Set<String> expired = new HashSet<>();
        for (String id : candidates) {
            JsonNode doc = documents.get(KIND, id).map(StateDocuments.Document::source).orElse(null);
            long expiry = doc == null ? 0 : doc.path("expiry").asLong();
            if (doc == null || expiry > 0 && expiry <= time) {
                expired.add(id);
            }
        }
        return expired;
    }

    /** Sessions of any server that expired before {@code time}: Jetty's scavenger deletes them. */
    @Override
    public Set<String> doGetExpired(long time) {
        Set<String> expired = new HashSet<>();
        for (StateDocuments.Document d : documents.all(KIND)) {
            long expiry = d.source().path("expiry").asLong();
            if (expiry > 0 && expiry <= time) {
                expired.add(d.id());
            }
        }
        return expired;
    }

    /** Deletes sessions that expired before {@code time} and that no server's scavenger took (their server is gone). */
    @Override
    public void doCleanOrphans(long time) {
        for (String id : doGetExpired(time)) {
            documents.delete(KIND, id);
        }
    }
}
