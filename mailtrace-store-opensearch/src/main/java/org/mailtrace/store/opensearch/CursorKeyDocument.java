package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.store.StoreException;

/**
 * Where an installation keeps its {@link CursorKey}: the document {@value #ID} of kind {@value #KIND}
 * in its state ({@code <prefix>-secrets} in the cluster, beside the accounts and sessions), so every
 * process with the same index prefix signs and verifies with the same secret and no process keeps
 * one of its own. The first process that needs it creates it with a create-if-absent; of two
 * processes doing so at once, exactly one write wins and both use that one.
 */
final class CursorKeyDocument {
    static final String KIND = "secrets";
    static final String ID = "cursor-key";
    private static final String FIELD = "hmacSha256";

    private CursorKeyDocument() {
    }

    /**
     * The installation's key, created when it has none.
     *
     * @param where what to name in errors (the cluster and index prefix)
     * @throws StoreException when the cluster fails or refuses (a read-only user on an installation
     *                        that has no key yet), or the document is not a key
     */
    static CursorKey readOrCreate(StateDocuments documents, String where) {
        Optional<StateDocuments.Document> found = documents.get(KIND, ID);
        if (found.isEmpty()) {
            CursorKey fresh = CursorKey.random();
            JsonNode source = Json.obj(FIELD, Base64.getEncoder().encodeToString(fresh.secret()),
                    "created", Instant.now().toString());
            try {
                if (documents.create(KIND, ID, source, Set.of())) {
                    return fresh;
                }
            } catch (StoreException e) {
                throw new StoreException(where + ": cannot create the installation's cursor key (document " + ID + " of "
                        + KIND + "): " + e.getMessage() + "; let mailtrace's cluster user write the index prefix's indices, or"
                        + " open the store once with such a user (serve, ingest)", e);
            }
            found = documents.get(KIND, ID); // another process created it first: use theirs
            if (found.isEmpty()) {
                throw new StoreException(where + ": the installation's cursor key (document " + ID + " of " + KIND
                        + ") was created by another process but cannot be read back; try again");
            }
        }
        return key(found.get(), where);
    }

    private static CursorKey key(StateDocuments.Document d, String where) {
        try {
            return new CursorKey(Base64.getDecoder().decode(d.source().path(FIELD).asText("")));
        } catch (IllegalArgumentException e) {
            throw new StoreException(where + ": document " + ID + " of " + KIND + " is not a cursor key (" + e.getMessage()
                    + "); delete it and mailtrace creates a new one (cursors given out before then stop paging)", e);
        }
    }
}
