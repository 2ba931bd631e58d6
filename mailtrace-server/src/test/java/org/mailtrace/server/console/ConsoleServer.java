package org.mailtrace.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailtrace.server.MailtraceServer;
import org.mailtrace.server.ServerConfig;
import org.mailtrace.server.audit.AuditLog;
import org.mailtrace.server.auth.JsonFileUserStore;
import org.mailtrace.server.auth.Passwords;
import org.mailtrace.server.auth.Role;
import org.mailtrace.server.auth.User;
import org.mailtrace.server.metrics.ServerMetrics;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * The server the console tests sign in to: the real-Postfix log of the end-to-end cases ingested
 * through the core pipeline into a Lucene store, an Organization Management account and a Help
 * Desk account scoped to remote.test, on a free loopback port, rate limit off (a browser makes many
 * requests quickly and the limit has its own tests).
 */
final class ConsoleServer implements AutoCloseable {
    static final Path LOG = org.mailtrace.server.SampleStore.LOG;
    static final String PASSWORD = "correct horse battery staple";
    static final String ADMIN = "admin";
    static final String SCOPED_HELPDESK = "hd-remote";
    static final String SCOPED_DOMAIN = "remote.test";
    /** An OIDC-only Help Desk account (no password), created when the settings configure OIDC. */
    static final String SSO_HELPDESK = "hd-sso";

    final Path dir;
    final TraceStore store;
    final AuditLog audit;
    final MailtraceServer server;

    ConsoleServer() {
        this(Map.of());
    }

    /** @param extra more serve settings (OIDC sign-in), replacing the defaults of the same key */
    ConsoleServer(Map<String, List<String>> extra) {
        this(extra, org.mailtrace.server.SampleStore::ingest);
    }

    /** The same accounts and settings over a store filled by {@code sample} (e.g. other formats' logs). */
    ConsoleServer(Map<String, List<String>> extra, org.mailtrace.server.SampleStore.Filler sample) {
        try {
            dir = Files.createTempDirectory("mailtrace-console");
            store = TraceStores.open("lucene", dir, false);
            sample.ingest(store);
            JsonFileUserStore users = new JsonFileUserStore(dir.resolve("users.json"));
            Clock clock = Clock.systemUTC();
            users.create(new User(ADMIN, Role.OrganizationManagement, Set.of(), Passwords.hash(PASSWORD), List.of(), clock.instant()));
            users.create(new User(SCOPED_HELPDESK, Role.HelpDesk, Set.of(SCOPED_DOMAIN), Passwords.hash(PASSWORD), List.of(), clock.instant()));
            if (extra.containsKey("oidc-issuer")) {
                users.create(new User(SSO_HELPDESK, Role.HelpDesk, Set.of(SCOPED_DOMAIN), null, List.of(), clock.instant()));
            }
            audit = new AuditLog(dir.resolve("audit"), clock);
            Map<String, List<String>> settings = new java.util.HashMap<>(Map.of("data", List.of(dir.toString()),
                    "listen", List.of("127.0.0.1:0"), "rate-limit", List.of("0")));
            settings.putAll(extra);
            ServerConfig config = ServerConfig.parse(settings);
            server = MailtraceServer.start(config, store, users, audit, new ServerMetrics(), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Rows the store holds in all, and for the scoped domain: what the pages must show. */
    long rows(Set<String> scope) {
        return store.count(TraceQuery.builder().scopeDomains(scope).build());
    }

    @Override
    public void close() {
        server.close();
        audit.close();
        store.close();
    }
}
