package org.mailtrace.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mailtrace.server.ConfigFile;
import org.mailtrace.server.MailtraceServer;
import org.mailtrace.server.ServerConfig;
import org.mailtrace.server.auth.FirstStart;
import org.mailtrace.server.metrics.ServerMetrics;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code mailtrace serve}: the REST API over the store. Every option is also a key of the
 * configuration file (the option name without dashes); the command line wins over the file.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the web console, the REST API and live ingest over the trace store.",
                "The REST API is under /api/v1 (OpenAPI at /api/openapi.json), with /healthz and /metrics.",
                "On first start with no users, creates 'admin' (Organization Management) with "
                        + "$MAILTRACE_ADMIN_PASSWORD, or with a random password printed once. SIGTERM stops it cleanly "
                        + "(requests finish, the store is closed)."},
        footer = {"", "Examples:",
                "  MAILTRACE_ADMIN_PASSWORD='...' mailtrace serve --data /var/lib/mailtrace \\",
                "      --listen 127.0.0.1:8080",
                "  mailtrace serve --config /etc/mailtrace/mailtrace.conf",
                "  mailtrace serve --no-ingest --listen 0.0.0.0:8080 \\",
                "      --store opensearch:https://os1:9200,https://os2:9200",
                "  curl -u admin -G http://127.0.0.1:8080/api/v1/traces \\",
                "      --data-urlencode 'recipient=*@example.org' -d status=Failed",
                "  MAILTRACE_OIDC_CLIENT_SECRET='...' mailtrace serve --config serve.conf \\",
                "      --public-url https://mailtrace.example.org \\",
                "      --oidc-issuer https://login.example.org/realms/mail \\",
                "      --oidc-client-id mailtrace",
                "", "Every option is a key of the --config file: 'listen = 0.0.0.0:8080', "
                        + "'accepted-domain = example.org' (repeat for more).",
                "Exit codes: 0 stopped cleanly, 1 runtime error (port in use, store error), "
                        + "2 bad usage or configuration."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file of key = value lines; command-line options win. Default: $MAILTRACE_CONFIG.")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (store, users.json, audit/). Default: $MAILTRACE_DATA.")
    String data;

    @Option(names = "--store", paramLabel = "LOCATION", description = "Instead of --data: the trace store as TYPE:ARGUMENT, e.g. lucene:/var/lib/mailtrace, or "
            + "opensearch:http://HOST:9200 (accounts, sign-ins, saved queries and the audit log then live in the cluster, "
            + "shared by every serve on it; no data directory).")
    String store;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where the API listens (default 127.0.0.1:8080).")
    String listen;

    @Option(names = "--rate-limit", paramLabel = "N", description = "Requests per user per window (default 100; 0 turns it off).")
    String rateLimit;

    @Option(names = "--rate-limit-window", paramLabel = "DURATION", description = "The running window (default 5m; 300s, 1h, PT5M).")
    String rateLimitWindow;

    @Option(names = "--sign-in-limit", paramLabel = "N", description = "Failed password checks per client address per window before 429 (default 10).")
    String signInLimit;

    @Option(names = "--max-body-bytes", paramLabel = "N", description = "Largest request body (default 65536).")
    String maxBodyBytes;

    @Option(names = "--session-idle", paramLabel = "DURATION", description = "Console sessions end after this long idle (default 30m).")
    String sessionIdle;

    @Option(names = "--secure-cookies", paramLabel = "BOOL", description = "Mark the session cookie Secure; set true behind a TLS proxy (default false).")
    String secureCookies;

    @Option(names = "--metrics-auth", paramLabel = "BOOL", description = "Require a signed-in user for /metrics (default false).")
    String metricsAuth;

    @Option(names = "--no-ingest", description = "Serve searches only: leave out the live sources (follow, watch-dir, syslog-*) of the configuration file. For serve nodes behind a load balancer while other processes ingest into the same (OpenSearch) store.")
    boolean noIngest;

    /** The live-source keys --no-ingest leaves out. */
    private static final List<String> LIVE_SOURCE_KEYS = List.of("follow", "watch-dir", "log-pattern", "syslog-udp",
            "syslog-tcp", "syslog-tls");

    /** What --no-ingest left out of the configuration file, said once at start. */
    private final List<String> leftOut = new ArrayList<>();

    @Option(names = "--follow", paramLabel = "FILE", description = "Follow this log file (live ingest). Repeatable.")
    List<String> follow = new ArrayList<>();

    @Option(names = "--watch-dir", paramLabel = "DIR", description = "Watch this log directory: read the rotations of --log-pattern oldest first, follow the live log, read files that appear.")
    String watchDir;

    @Option(names = "--log-pattern", paramLabel = "GLOB", description = "With --watch-dir: file names of the log and its rotations (default '{mail.log,maillog}*'; 'MSGTRK*' for an Exchange MessageTracking folder).")
    String logPattern;

    @Option(names = "--syslog-udp", paramLabel = "HOST:PORT", description = "Receive syslog over UDP. Repeatable.")
    List<String> syslogUdp = new ArrayList<>();

    @Option(names = "--syslog-tcp", paramLabel = "HOST:PORT", description = "Receive syslog over TCP (RFC 6587). Repeatable.")
    List<String> syslogTcp = new ArrayList<>();

    @Option(names = "--syslog-tls", paramLabel = "HOST:PORT", description = "Receive syslog over TLS (RFC 5425); needs --tls-cert and --tls-key. Repeatable.")
    List<String> syslogTls = new ArrayList<>();

    @Option(names = "--syslog-max-connections", paramLabel = "N", description = "TCP/TLS syslog connections open at once per listener; more are closed and counted (default 256).")
    String syslogMaxConnections;

    @Option(names = "--max-open-messages", paramLabel = "N", description = "Messages live ingest holds in memory at once; past it the one opened first is stored as a partial trace (default 50000).")
    String maxOpenMessages;

    @Option(names = "--max-open-memory-mb", paramLabel = "MIB", description = "The estimated heap live ingest's open messages may take; past it the ones opened first are stored as partial traces (default 256).")
    String maxOpenMemoryMb;

    @Option(names = "--max-field-chars", paramLabel = "N", description = "The longest subject, reply or line text kept; longer ones are cut and say so (default 4096).")
    String maxFieldChars;

    @Option(names = "--max-lines-per-message", paramLabel = "N", description = "Lines one message may gather in memory before it is stored as a partial trace (default 20000).")
    String maxLinesPerMessage;

    @Option(names = "--retry-window", paramLabel = "DURATION", description = "How long a temporarily refused attempt (greylisting, 4xx) stays Pending waiting for the client's retry before it counts as Failed (default 1d).")
    String retryWindow;

    @Option(names = "--syslog-idle-timeout", paramLabel = "DURATION", description = "Close a TCP/TLS syslog connection silent this long (default 10m).")
    String syslogIdleTimeout;

    @Option(names = "--header-timeout", paramLabel = "DURATION", description = "Cut off an HTTP request whose headers take longer than this (default 10s).")
    String headerTimeout;

    @Option(names = "--webhook-allow", paramLabel = "CIDR", description = "Let report webhooks reach this loopback/link-local/internal network. Repeatable.")
    List<String> webhookAllow = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain for --syslog-tls.")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key for --syslog-tls.")
    String tlsKey;

    @Option(names = "--accepted-domain", paramLabel = "D", description = "A domain we receive mail for (live ingest). Repeatable.")
    List<String> acceptedDomains = new ArrayList<>();

    @Option(names = "--trusted-network", paramLabel = "CIDR", description = "A network whose clients are 'us' (live ingest). Repeatable.")
    List<String> trustedNetworks = new ArrayList<>();

    @Option(names = "--format", paramLabel = "NAME", description = "Log format of live sources (default postfix).")
    String format;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "Zone of zone-less timestamps of live sources (default: this machine's).")
    String timezone;

    @Option(names = "--retention-days", paramLabel = "N", description = "Purge traces older than N days (live ingest; default 90, 0 keeps all).")
    String retentionDays;

    @Option(names = "--password-sign-in", paramLabel = "BOOL", description = "Accept local passwords (console form, HTTP Basic); false needs OIDC (default true).")
    String passwordSignIn;

    @Option(names = "--public-url", paramLabel = "URL", description = "The URL browsers use for mailtrace; OIDC redirects to URL/api/v1/session/oidc/callback.")
    String publicUrl;

    @Option(names = "--oidc-issuer", paramLabel = "URL", description = "OpenID Connect provider's issuer URL; turns on 'Sign in with ...' in the console.")
    String oidcIssuer;

    @Option(names = "--oidc-client-id", paramLabel = "ID", description = "mailtrace's client ID at the OIDC provider.")
    String oidcClientId;

    @Option(names = "--oidc-client-secret", paramLabel = "SECRET", description = "The client secret; prefer $MAILTRACE_OIDC_CLIENT_SECRET (ps shows the command line).")
    String oidcClientSecret;

    @Option(names = "--oidc-scopes", paramLabel = "SCOPES", description = "Scopes to request (default 'openid email profile').")
    String oidcScopes;

    @Option(names = "--oidc-name-claim", paramLabel = "CLAIMS", description = "ID token claims tried in order for the user name (default 'preferred_username email').")
    String oidcNameClaim;

    @Option(names = "--oidc-provider-name", paramLabel = "NAME", description = "Name on the console's sign-in button (default: the issuer's host).")
    String oidcProviderName;

    @Option(names = "--oidc-role-claim", paramLabel = "CLAIM", description = "Claim with group names that set the role through --oidc-role-map (e.g. groups).")
    String oidcRoleClaim;

    @Option(names = "--oidc-role-map", paramLabel = "ROLE=GROUP", description = "Members of GROUP get ROLE, e.g. 'Help Desk=mail-helpdesk'. Repeatable.")
    List<String> oidcRoleMap = new ArrayList<>();

    @Option(names = "--oidc-create-users", paramLabel = "BOOL", description = "Create unknown OIDC users whose groups map to a role (default false).")
    String oidcCreateUsers;

    @Override
    public Integer call() throws Exception {
        ServerConfig cfg = ServerConfig.parse(settings());
        for (java.nio.file.Path f : cfg.follow()) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("follow: " + f + " is not a file; give the live mail log (e.g. /var/log/mail.log)");
            }
        }
        if (cfg.watchDir() != null && !Files.isDirectory(cfg.watchDir())) {
            throw new IllegalArgumentException("watch-dir: " + cfg.watchDir() + " is not a directory; give the directory "
                    + "the mail log is written to (e.g. /var/log)");
        }
        PrintWriter err = spec.commandLine().getErr();
        if (!leftOut.isEmpty()) {
            err.println("serve: --no-ingest: not reading the configuration's live sources (" + String.join(", ", leftOut) + ")");
        }
        requireFreePort(cfg.listen());
        ServeState own = ServeState.open(cfg.data(), cfg.store(), System.getenv(), err);
        Optional<String> generated;
        try {
            generated = FirstStart.ensureAdmin(own.state().users(), System.getenv("MAILTRACE_ADMIN_PASSWORD"), Clock.systemUTC());
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
        generated.ifPresent(pw -> err.println("serve: created user '" + FirstStart.ADMIN + "' (Organization Management) with password "
                + pw + " -- shown only now; change it with PATCH /api/v1/users/admin"));
        // With live sources serve is the store's writer; without, it opens read-only so that
        // 'mailtrace ingest' can keep the writer and every search sees its commits.
        TraceStore store;
        try {
            store = TraceStores.open(cfg.store(), StoreOptions.fromEnvironment(!cfg.hasLiveSources(), System.getenv()));
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
        ServerMetrics metrics = new ServerMetrics();
        MailtraceServer server;
        try {
            server = MailtraceServer.start(cfg, store, own.state(), metrics, Clock.systemUTC());
        } catch (RuntimeException e) {
            own.close();
            store.close();
            throw new java.io.IOException("cannot listen on " + cfg.listen() + ": " + rootMessage(e)
                    + listenHint(rootMessage(e)), e);
        }
        err.println("serve: listening on http://" + cfg.listen().host() + ":" + server.port()
                + " (API /api/v1, OpenAPI /api/openapi.json, " + own.describe() + ")");
        LiveIngest live = null;
        if (cfg.hasLiveSources()) {
            try {
                live = LiveIngest.start(cfg, store, metrics, changes -> server.liveFeed().publish(changes.upserted()), err);
                server.health().register(live::problems);
            } catch (java.io.IOException | RuntimeException e) {
                server.close();
                own.close();
                store.close();
                throw e;
            }
        }
        // SIGTERM / Ctrl-C: stop taking lines, commit what was read, finish requests, close the store; exit 0.
        CountDownLatch stopRequested = new CountDownLatch(1);
        try (StopSignals signals = StopSignals.install(stopRequested::countDown)) {
            stopRequested.await();
            if (live != null) {
                live.close(); // stops the listeners, commits what was read, waits for the ingest thread
            }
            server.close();
            own.close();
            store.close();
            err.println("serve: stopped; store and audit log closed");
        }
        return Main.OK;
    }

    /** The configuration file's keys, overridden key by key by the options given on the command line. */
    Map<String, List<String>> settings() {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        Path file = config != null ? config : ConfigFileDefaults.fileOf(System.getenv(ConfigFileDefaults.ENV));
        if (file != null) {
            merged.putAll(ConfigFile.read(file));
        }
        ParseResult parsed = spec.commandLine().getParseResult();
        // data and store name the same thing: one given on the command line replaces either in the file.
        if (parsed.hasMatchedOption("--data") && parsed.hasMatchedOption("--store")) {
            throw new IllegalArgumentException("--data and --store both name the store; give one (--store lucene:DIR is --data DIR)");
        }
        if (parsed.hasMatchedOption("--data") || parsed.hasMatchedOption("--store")) {
            merged.remove("data");
            merged.remove("store");
        }
        for (OptionSpec o : parsed.matchedOptions()) {
            String key = o.longestName().substring(2);
            if (key.equals("config") || key.equals("no-ingest") || o.usageHelp() || o.versionHelp()) {
                continue;
            }
            merged.put(key, List.copyOf(parsed.matchedOption(o.longestName()).stringValues()));
        }
        List<String> noIngestInFile = merged.remove("no-ingest");
        if (noIngest || noIngestInFile != null && noIngestInFile.size() == 1 && Boolean.parseBoolean(noIngestInFile.get(0).strip())) {
            leftOut.clear();
            for (String key : LIVE_SOURCE_KEYS) {
                if (parsed.hasMatchedOption("--" + key)) {
                    throw new IllegalArgumentException("--no-ingest and --" + key + " contradict each other: give one");
                }
                List<String> dropped = merged.remove(key);
                if (dropped != null) {
                    dropped.forEach(v -> leftOut.add(key + " = " + v));
                }
            }
        }
        if (!merged.containsKey("data") && !merged.containsKey("store") && System.getenv("MAILTRACE_DATA") != null) {
            merged.put("data", List.of(System.getenv("MAILTRACE_DATA")));
        }
        String secret = System.getenv("MAILTRACE_OIDC_CLIENT_SECRET");
        if (!merged.containsKey("oidc-client-secret") && secret != null && !secret.isBlank()) {
            merged.put("oidc-client-secret", List.of(secret));
        }
        return merged;
    }

    /**
     * Binds the listen address once and lets it go, so a port in use is reported in one sentence
     * before Javalin would log its own ERROR line with a stack of causes. (A program that takes the
     * port in the moment between this check and the real start still gets the clean message below.)
     */
    private static void requireFreePort(org.mailtrace.server.HostPort listen) throws java.io.IOException {
        if (listen.port() == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(listen.host(), listen.port()));
        } catch (java.net.BindException e) {
            throw new java.io.IOException("cannot listen on " + listen + ": " + e.getMessage() + listenHint(e.getMessage()), e);
        }
    }

    /** What to do about a failed bind, from the operating system's message. */
    static String listenHint(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("in use")) {
            return "; stop the program that uses the port (see 'ss -ltnp') or choose another with --listen HOST:PORT";
        }
        if (r.contains("permission denied")) {
            return "; ports below 1024 need root or CAP_NET_BIND_SERVICE: choose another with --listen HOST:PORT";
        }
        if (r.contains("assign")) {
            return "; that address is not on this machine: use one of its addresses, 127.0.0.1 or 0.0.0.0";
        }
        return "; choose another address with --listen HOST:PORT";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
