package org.mailtrace.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mailtrace.correlate.Cidr;
import org.mailtrace.server.auth.SignInMethods;
import org.mailtrace.server.auth.User;
import org.mailtrace.source.LogDirectory;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.TraceStores;

/**
 * Everything {@code mailtrace serve} is told, from the command line and the configuration file
 * alike: both arrive as key -> values ({@link #KEYS} are the long option names without dashes),
 * and are checked here once, so a typo in either fails the start with the same message.
 *
 * @param data              the data directory (users.json, audit/, reports, saved queries; the Lucene
 *                          store's index too), or null for a store that has none (a network store,
 *                          which then keeps the server's state: {@link ServerState#shared})
 * @param store             where the traces are: {@code store = TYPE:ARGUMENT}, or the Lucene store in
 *                          {@code data}
 * @param listen            where the HTTP API listens
 * @param rateLimit         requests per user per window; 0 is off
 * @param rateLimitWindow   the running window of the rate limit
 * @param signInLimit       failed authentications per remote address per window before 429
 * @param maxBodyBytes      larger request bodies get 413
 * @param sessionIdle       a console session ends after this long without requests
 * @param secureCookies     mark the session cookie Secure (set it when a TLS proxy fronts the server)
 * @param metricsAuth       require a signed-in user for /metrics
 * @param follow            log files to follow (live ingest; wired by the ingest work)
 * @param watchDir          a log directory to watch (rotations read oldest first, live log followed), or null
 * @param logPattern        file name glob of the watched log and its rotations
 * @param syslogUdp         syslog listener addresses; likewise
 * @param syslogTcp         likewise
 * @param syslogTls         likewise, with {@code tlsCert} and {@code tlsKey}
 * @param tlsCert           PEM certificate chain for the syslog TLS listener
 * @param tlsKey            PEM private key for it
 * @param acceptedDomains   for live ingest's direction
 * @param trustedNetworks   likewise
 * @param format            log format of live sources
 * @param timezone          zone of zone-less timestamps of live sources, or null for the machine's
 * @param retentionDays     purge traces older than this many days; 0 keeps everything
 * @param jobs              report jobs, their notifications and the live feed
 * @param signIn            which sign-in methods the console offers (passwords, OIDC)
 * @param limits            connection limits (syslog, HTTP headers) and the webhook allow-list
 * @param caps              what live ingest's correlator may hold in memory
 */
public record ServerConfig(Path data, StoreLocation store, HostPort listen, int rateLimit, Duration rateLimitWindow, int signInLimit,
                           long maxBodyBytes, Duration sessionIdle, boolean secureCookies, boolean metricsAuth,
                           List<Path> follow, Path watchDir, String logPattern, List<HostPort> syslogUdp, List<HostPort> syslogTcp,
                           List<HostPort> syslogTls, Path tlsCert, Path tlsKey, List<String> acceptedDomains,
                           List<String> trustedNetworks, String format, ZoneId timezone, int retentionDays,
                           JobSettings jobs, SignInMethods signIn, NetworkLimits limits,
                           OpenMessageCaps caps) {

    /** Every key, with its default (null: none). Documented in docs/configuration.md. */
    public static final Map<String, String> KEYS = keys();

    private static final Set<String> REPEATABLE = Set.of("follow", "syslog-udp", "syslog-tcp", "syslog-tls",
            "accepted-domain", "trusted-network", "oidc-role-map", "webhook-allow");

    private static Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("data", null);
        k.put("store", null);
        k.put("listen", "127.0.0.1:8080");
        k.put("rate-limit", "100");
        k.put("rate-limit-window", "5m");
        k.put("sign-in-limit", "10");
        k.put("max-body-bytes", "65536");
        k.put("session-idle", "30m");
        k.put("secure-cookies", "false");
        k.put("metrics-auth", "false");
        k.put("follow", null);
        k.put("watch-dir", null);
        k.put("log-pattern", LogDirectory.DEFAULT_PATTERN);
        k.put("syslog-udp", null);
        k.put("syslog-tcp", null);
        k.put("syslog-tls", null);
        k.put("syslog-max-connections", "256");
        k.put("syslog-idle-timeout", "10m");
        k.put("tls-cert", null);
        k.put("tls-key", null);
        k.put("accepted-domain", null);
        k.put("trusted-network", null);
        k.put("format", "postfix");
        k.put("timezone", null);
        k.put("max-open-messages", Integer.toString(org.mailtrace.correlate.CorrelationSettings.DEFAULT_MAX_OPEN_MESSAGES));
        k.put("max-open-memory-mb", Long.toString(org.mailtrace.correlate.CorrelationSettings.DEFAULT_MAX_OPEN_BYTES >> 20));
        k.put("max-field-chars", Integer.toString(org.mailtrace.correlate.CorrelationSettings.DEFAULT_MAX_FIELD_CHARS));
        k.put("max-lines-per-message", Integer.toString(org.mailtrace.correlate.CorrelationSettings.DEFAULT_MAX_FACTS_PER_MESSAGE));
        k.put("retry-window", "1d");
        k.put("retention-days", "90");
        k.put("report-concurrency", "1");
        k.put("report-retention-days", "30");
        k.put("report-max-rows", "0");
        k.put("smtp-relay", null);
        k.put("smtp-from", "mailtrace@localhost");
        k.put("live-ping", "15s");
        k.put("webhook-allow", null);
        k.put("header-timeout", "10s");
        k.put("password-sign-in", "true");
        k.put("public-url", null);
        k.put("oidc-issuer", null);
        k.put("oidc-client-id", null);
        k.put("oidc-client-secret", null);
        k.put("oidc-scopes", "openid email profile");
        k.put("oidc-name-claim", "preferred_username email");
        k.put("oidc-provider-name", null);
        k.put("oidc-role-claim", null);
        k.put("oidc-role-map", null);
        k.put("oidc-create-users", "false");
        return java.util.Collections.unmodifiableMap(k);
    }

    /** True when some live source (file follow or syslog listener) is configured. */
    public boolean hasLiveSources() {
        return !follow.isEmpty() || watchDir != null || !syslogUdp.isEmpty() || !syslogTcp.isEmpty() || !syslogTls.isEmpty();
    }

    /** Parses and checks the merged settings; {@link IllegalArgumentException} names the key and the fix. */
    public static ServerConfig parse(Map<String, List<String>> values) {
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            if (!KEYS.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown setting '" + e.getKey() + "'; known: " + KEYS.keySet());
            }
            if (e.getValue().size() > 1 && !REPEATABLE.contains(e.getKey())) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is given " + e.getValue().size() + " times; it takes one value");
            }
        }
        Values v = new Values(values);
        StoreLocation store = store(v.one("data"), v.one("store"));
        List<HostPort> tls = v.all("syslog-tls").stream().map(s -> HostPort.parse("syslog-tls", s)).toList();
        Path cert = v.path("tls-cert");
        Path key = v.path("tls-key");
        if (!tls.isEmpty() && (cert == null || key == null)) {
            throw new IllegalArgumentException("syslog-tls needs tls-cert FILE and tls-key FILE");
        }
        for (Path p : new Path[] {cert, key}) {
            if (p != null && !Files.isReadable(p)) {
                throw new IllegalArgumentException(p + ": cannot read this TLS file (tls-cert/tls-key)");
            }
        }
        List<String> domains = v.all("accepted-domain").stream().map(User::normalizeDomain).toList();
        List<String> networks = v.all("trusted-network");
        networks.forEach(Cidr::parse);
        String tz = v.one("timezone");
        Path watchDir = v.path("watch-dir");
        String logPattern = v.one("log-pattern").trim();
        if (watchDir == null && values.containsKey("log-pattern")) {
            throw new IllegalArgumentException("log-pattern needs watch-dir DIR (the directory the pattern's files are in)");
        }
        LogDirectory watched = LogDirectory.of(watchDir == null ? Path.of(".") : watchDir, logPattern); // checks the glob now
        for (String f : v.all("follow")) {
            if (watchDir != null && watched.covers(Path.of(f))) {
                throw new IllegalArgumentException("follow " + f + " is also watched by watch-dir " + watchDir + " ('" + logPattern
                        + "'): its lines would be read twice; drop the follow");
            }
        }
        return new ServerConfig(TraceStores.directory(store).orElse(null), store, HostPort.parse("listen", v.one("listen")),
                v.integer("rate-limit", 0, 1_000_000), v.duration("rate-limit-window"),
                v.integer("sign-in-limit", 1, 1_000_000), v.integer("max-body-bytes", 1024, 64 << 20),
                v.duration("session-idle"), v.bool("secure-cookies"), v.bool("metrics-auth"),
                v.all("follow").stream().map(Path::of).toList(), watchDir, logPattern,
                v.all("syslog-udp").stream().map(s -> HostPort.parse("syslog-udp", s)).toList(),
                v.all("syslog-tcp").stream().map(s -> HostPort.parse("syslog-tcp", s)).toList(),
                tls, cert, key, domains, List.copyOf(networks), v.one("format"),
                tz == null ? null : ZoneId.of(tz), v.integer("retention-days", 0, 100_000),
                new JobSettings(v.integer("report-concurrency", 1, 64), v.integer("report-retention-days", 1, 100_000),
                        v.integer("report-max-rows", 0, Integer.MAX_VALUE),
                        v.one("smtp-relay") == null ? null : HostPort.parse("smtp-relay", v.one("smtp-relay")),
                        JobSettings.mailFrom(v.one("smtp-from")), v.duration("live-ping")),
                SignInKeys.parse(v),
                new NetworkLimits(v.integer("syslog-max-connections", 1, 100_000), v.duration("syslog-idle-timeout"),
                        v.duration("header-timeout"), v.all("webhook-allow").stream().map(ServerConfig::network).toList()),
                new OpenMessageCaps(v.integer("max-open-messages", 1, 100_000_000), v.integer("max-open-memory-mb", 1, 1 << 20),
                        v.integer("max-field-chars", org.mailtrace.correlate.CorrelationSettings.MIN_FIELD_CHARS, 1 << 20),
                        v.integer("max-lines-per-message", 10, 100_000_000), v.duration("retry-window")));
    }

    /**
     * {@code data = DIR} is {@code store = lucene:DIR}; one of them is needed, not both. The data
     * directory comes from the store's factory; a store type no factory opens fails here, at the start.
     */
    private static StoreLocation store(String data, String store) {
        boolean hasData = data != null && !data.isBlank();
        boolean hasStore = store != null && !store.isBlank();
        if (hasData && hasStore) {
            throw new IllegalArgumentException("data and store are both given; give one (store = lucene:DIR is the same as data = DIR)");
        }
        if (hasStore) {
            try {
                return StoreLocation.parse(store);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("store: " + e.getMessage(), e);
            }
        }
        if (!hasData) {
            throw new IllegalArgumentException("data is required: --data DIR or --store LOCATION "
                    + "(or data = DIR or store = LOCATION in the configuration file)");
        }
        return StoreLocation.ofDirectory(Path.of(data));
    }

    private static Cidr network(String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook-allow: " + e.getMessage() + "; give an address or network such as 127.0.0.1 or 10.1.2.0/24");
        }
    }

    /** Reads values with the defaults applied and names the key in every error. */
    record Values(Map<String, List<String>> given) {
        String one(String key) {
            List<String> l = given.get(key);
            return l == null || l.isEmpty() ? KEYS.get(key) : l.get(0);
        }

        List<String> all(String key) {
            List<String> out = new ArrayList<>();
            for (String s : given.getOrDefault(key, List.of())) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
            return out;
        }

        Path path(String key) {
            String s = one(key);
            return s == null || s.isBlank() ? null : Path.of(s);
        }

        int integer(String key, int min, int max) {
            String s = one(key);
            try {
                int n = Integer.parseInt(s.trim());
                if (n < min || n > max) {
                    throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, was '" + s + "'");
            }
        }

        boolean bool(String key) {
            String s = one(key).trim().toLowerCase(Locale.ROOT);
            return switch (s) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new IllegalArgumentException(key + " must be true or false, was '" + s + "'");
            };
        }

        /** {@code 300s}, {@code 5m}, {@code 1h}, {@code 2d}, or ISO-8601 ({@code PT5M}). */
        Duration duration(String key) {
            String s = one(key).trim();
            try {
                Duration d;
                if (s.matches("\\d+[smhd]")) {
                    long n = Long.parseLong(s.substring(0, s.length() - 1));
                    d = switch (s.charAt(s.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
                } else {
                    d = Duration.parse(s);
                }
                if (d.isZero() || d.isNegative()) {
                    throw new IllegalArgumentException(key + " must be positive, was '" + s + "'");
                }
                return d;
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(key + " must be a duration like 300s, 5m, 1h or PT5M, was '" + s + "'");
            }
        }
    }
}
