package org.mailtrace.store.opensearch;

import org.mailtrace.state.InstallationSecrets;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.store.StoreException;

/**
 * Where an installation keeps its {@link CursorKey}: the secret {@value #ID} of
 * {@link InstallationSecrets} ({@code <prefix>-secrets} in the cluster, beside the accounts and
 * sessions), so every process with the same index prefix signs and verifies with the same secret.
 */
final class CursorKeyDocument {
    static final String KIND = InstallationSecrets.KIND;
    static final String ID = "cursor-key";

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
        return new CursorKey(InstallationSecrets.readOrCreate(documents, ID, CursorKey.BYTES, where));
    }
}
