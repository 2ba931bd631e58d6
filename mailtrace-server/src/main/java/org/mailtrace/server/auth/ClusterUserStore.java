package org.mailtrace.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailtrace.json.TraceJson;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.store.StoreException;

/**
 * Accounts as documents of kind {@value #KIND} in a store several servers share (one per user, ID =
 * name, found by the SHA-256 of each API token), so an account or token made through one server works
 * on every other at once. Two servers creating the same name: the store lets exactly one win, the other
 * gets "already exists" as with the file. {@link #update} replaces the version it has just read
 * (optimistic concurrency, retried when another write came between), so it never resurrects a deleted
 * user; like the file store, two updates of one user at the same moment keep the later one whole.
 */
public final class ClusterUserStore implements UserStore {
    static final String KIND = "accounts";
    private static final ObjectMapper JSON = TraceJson.mapper();
    private static final int ATTEMPTS = 20;

    private final StateDocuments documents;

    public ClusterUserStore(StateDocuments documents) {
        this.documents = documents;
    }

    @Override
    public List<User> list() {
        return documents.all(KIND).stream().map(ClusterUserStore::user).sorted(Comparator.comparing(User::name)).toList();
    }

    @Override
    public Optional<User> find(String name) {
        String n;
        try {
            n = User.normalizeName(name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return documents.get(KIND, n).map(ClusterUserStore::user);
    }

    @Override
    public Optional<TokenOwner> findByTokenHash(String sha256) {
        for (StateDocuments.Document d : documents.findByKey(KIND, sha256)) {
            User u = user(d);
            for (ApiToken t : u.tokens()) {
                if (t.sha256().equals(sha256)) {
                    return Optional.of(new TokenOwner(u, t));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void create(User user) {
        if (!documents.create(KIND, user.name(), JSON.valueToTree(user), keys(user))) {
            throw new IllegalStateException("user " + user.name() + " already exists");
        }
    }

    @Override
    public void update(User user) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StateDocuments.Document current = documents.get(KIND, user.name())
                    .orElseThrow(() -> new NoSuchElementException("user " + user.name() + " does not exist"));
            if (documents.replace(KIND, user.name(), JSON.valueToTree(user), keys(user), current.version())) {
                return;
            }
        }
        throw new StoreException("user " + user.name() + ": changed by other servers " + ATTEMPTS + " times while this one "
                + "tried to save it; try again");
    }

    @Override
    public boolean delete(String name) {
        try {
            return documents.delete(KIND, User.normalizeName(name));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Set<String> keys(User u) {
        return u.tokens().stream().map(ApiToken::sha256).collect(Collectors.toSet());
    }

    private static User user(StateDocuments.Document d) {
        try {
            return JSON.treeToValue(d.source(), User.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("account document " + d.id() + " (kind " + KIND + ") is not a user: " + e.getOriginalMessage()
                    + "; fix or delete that document", e);
        }
    }
}
