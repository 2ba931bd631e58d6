package org.mailtrace.server.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailtrace.server.MailtraceServer;
import org.mailtrace.server.ServerConfig;
import org.mailtrace.server.audit.AuditLog;
import org.mailtrace.server.auth.ApiToken;
import org.mailtrace.server.auth.JsonFileUserStore;
import org.mailtrace.server.auth.Passwords;
import org.mailtrace.server.auth.Role;
import org.mailtrace.server.auth.Tokens;
import org.mailtrace.server.auth.User;
import org.mailtrace.server.metrics.ServerMetrics;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * A real server on a free loopback port over a real store: the real-Postfix log of the end-to-end
 * cases ingested through the core pipeline into the Lucene store, one account per role (and a Help
 * Desk account scoped to remote.test), each with an API token.
 */
final class ApiFixture implements AutoCloseable {
    static final Path LOG = org.mailtrace.server.SampleStore.LOG;
    static final String PASSWORD = "correct horse battery staple";

    final Path dir;
    final TraceStore store;
    final JsonFileUserStore users;
    final AuditLog audit;
    final MailtraceServer server;
    final HttpApi http;
    /** user name -> bearer secret. */
    final Map<String, String> tokens = new LinkedHashMap<>();

    private static ApiFixture shared;

    /** One server for the read-mostly suites of this JVM (rate limit off). */
    static synchronized ApiFixture shared() {
        if (shared == null) {
            shared = new ApiFixture(Map.of("rate-limit", List.of("0")));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    ApiFixture(Map<String, List<String>> settings) {
        this(settings, org.mailtrace.server.SampleStore::ingest);
    }

    /** The same server and accounts over a store filled by {@code sample} (e.g. other formats' logs). */
    ApiFixture(Map<String, List<String>> settings, org.mailtrace.server.SampleStore.Filler sample) {
        try {
            dir = Files.createTempDirectory("mailtrace-api");
            store = TraceStores.open("lucene", dir, false);
            sample.ingest(store);
            users = new JsonFileUserStore(dir.resolve("users.json"));
            addUser("admin", Role.OrganizationManagement, Set.of());
            addUser("compliance", Role.ComplianceManagement, Set.of());
            addUser("helpdesk", Role.HelpDesk, Set.of());
            addUser("viewonly", Role.ViewOnly, Set.of());
            addUser("hd-remote", Role.HelpDesk, Set.of("remote.test"));
            audit = new AuditLog(dir.resolve("audit"), Clock.systemUTC());
            Map<String, List<String>> cfg = new LinkedHashMap<>(settings);
            cfg.put("data", List.of(dir.toString()));
            cfg.putIfAbsent("listen", List.of("127.0.0.1:0"));
            server = MailtraceServer.start(ServerConfig.parse(cfg), store, users, audit, new ServerMetrics(), Clock.systemUTC());
            http = new HttpApi("http://127.0.0.1:" + server.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addUser(String name, Role role, Set<String> domains) {
        String secret = Tokens.newSecret();
        ApiToken t = new ApiToken(Tokens.newId(), "test", Tokens.sha256(secret), Clock.systemUTC().instant());
        users.create(new User(name, role, domains, Passwords.hash(PASSWORD), new ArrayList<>(List.of(t)), Clock.systemUTC().instant()));
        tokens.put(name, secret);
    }

    String token(String user) {
        return tokens.get(user);
    }

    @Override
    public void close() {
        server.close();
        audit.close();
        store.close();
    }
}
