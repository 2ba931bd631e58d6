package org.mailtrace.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.mailtrace.store.StoreException;

/**
 * Random secrets that every process of one installation must share (the key that signs page
 * cursors, the key that seals sign-ins in progress), kept as documents of kind {@value #KIND} in
 * its {@link StateDocuments}, so no process keeps one of its own and a cursor or a sign-in started on
 * one serving node is good on every other. The first process that needs a secret creates it with a
 * create-if-absent; of two doing so at once exactly one write wins and both use it.
 */
public final class InstallationSecrets {
    public static final String KIND = "secrets";
    private static final String FIELD = "secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private InstallationSecrets() {
    }

    /**
     * The secret {@code id}, {@code bytes} random bytes created when the installation has none.
     *
     * @param where what to name in errors (the cluster and index prefix)
     * @throws StoreException when the store fails or refuses (a read-only user on an installation
     *                        that has no such secret yet), or the document is not a secret of that size
     */
    public static byte[] readOrCreate(StateDocuments documents, String id, int bytes, String where) {
        Optional<StateDocuments.Document> found = documents.get(KIND, id);
        if (found.isEmpty()) {
            byte[] fresh = new byte[bytes];
            RANDOM.nextBytes(fresh);
            ObjectNode source = JsonNodeFactory.instance.objectNode();
            source.put(FIELD, Base64.getEncoder().encodeToString(fresh));
            source.put("created", Instant.now().toString());
            try {
                if (documents.create(KIND, id, source, Set.of())) {
                    return fresh;
                }
            } catch (StoreException e) {
                throw new StoreException(where + ": cannot create the installation's secret " + id + " (kind " + KIND + "): "
                        + e.getMessage() + "; let mailtrace's store user write the installation's state, or open the store"
                        + " once with such a user (serve, ingest)", e);
            }
            found = documents.get(KIND, id); // another process created it first: use theirs
            if (found.isEmpty()) {
                throw new StoreException(where + ": the installation's secret " + id + " (kind " + KIND
                        + ") was created by another process but cannot be read back; try again");
            }
        }
        try {
            byte[] secret = Base64.getDecoder().decode(found.get().source().path(FIELD).asText(""));
            if (secret.length != bytes) {
                throw new IllegalArgumentException(secret.length + " bytes, not " + bytes);
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw new StoreException(where + ": document " + id + " of kind " + KIND + " is not a secret (" + e.getMessage()
                    + "); delete it and mailtrace creates a new one (what was signed or sealed with the old one stops working)", e);
        }
    }
}
