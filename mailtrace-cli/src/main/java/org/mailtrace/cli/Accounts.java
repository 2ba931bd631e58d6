package org.mailtrace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mailtrace.server.PrivateFiles;
import org.mailtrace.server.auth.ClusterUserStore;
import org.mailtrace.server.auth.JsonFileUserStore;
import org.mailtrace.server.auth.UserStore;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.state.StateStores;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;

/**
 * The accounts {@code mailtrace user} manages: {@code DIR/users.json} for a store in a data directory,
 * or the accounts in the cluster of a store that keeps the server's state ({@code opensearch:...}),
 * the same ones every {@code serve} on that store uses.
 */
record Accounts(UserStore users, StateDocuments documents) implements AutoCloseable {

    /** @param forWriting creates the data directory (mode 700) when the accounts are in files */
    static Accounts open(DataOption data, boolean forWriting) throws IOException {
        StoreLocation at = data.location();
        if (ServeState.inStore(at)) {
            StateDocuments documents = StateStores.open(at, StoreOptions.fromEnvironment(false, System.getenv())).orElseThrow();
            return new Accounts(new ClusterUserStore(documents), documents);
        }
        Path dir = data.dataDirectory();
        DataOption.requireNotAFile(dir);
        if (forWriting) {
            PrivateFiles.restrictDataDirectory(dir);
            Files.createDirectories(dir);
        }
        return new Accounts(new JsonFileUserStore(dir.resolve("users.json")), null);
    }

    @Override
    public void close() {
        if (documents != null) {
            documents.close();
        }
    }
}
