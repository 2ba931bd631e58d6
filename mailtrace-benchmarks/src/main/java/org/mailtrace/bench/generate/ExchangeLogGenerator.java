package org.mailtrace.bench.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes one day of an Exchange organisation's message tracking logs: two Mailbox servers and an
 * Edge Transport server, each in its own folder as admins copy them ({@code mbx1/MSGTRK...LOG},
 * {@code mbx1/MSGTRKMS...}, {@code mbx1/MSGTRKMD...}, {@code edge1/MSGTRK...}), with the EventId
 * sequences real servers write: inbound mail through the Edge (RECEIVE, AGENTINFO, SEND; RECEIVE,
 * EXPAND for groups, DELIVER on the Mailbox server), outbound mail from a mailbox (RECEIVE and SUBMIT
 * of the submission service, RECEIVE, HAREDIRECT, SEND; RECEIVE, SEND on the Edge, with deferrals
 * and failures with their DSN) and internal mail between the Mailbox servers. Deterministic: the same
 * options give the same bytes. Each file holds only rows not yet due in memory.
 *
 * <p>Usage: {@code ExchangeLogGenerator --messages N [--seed S] [--day 2026-11-27] --output DIR}
 */
public final class ExchangeLogGenerator {
    static final String[] MAILBOX = {"mbx1.example.org", "mbx2.example.org"};
    static final String EDGE = "edge1.example.org";
    private static final String FIELDS = "date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,"
            + "connector-id,source,event-id,internal-message-id,message-id,network-message-id,recipient-address,"
            + "recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,"
            + "sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,original-server-ip,"
            + "custom-data,transport-traffic-type,log-id,schema-version";
    private static final String VERSION = "15.02.1544.004";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ExchangeLogGenerator() {
    }

    /** One file's rows, written in time order once the generator is past them. */
    private static final class TrackingFile {
        private record Row(long millis, long seq, String text) implements Comparable<Row> {
            @Override
            public int compareTo(Row o) {
                int c = Long.compare(millis, o.millis);
                return c != 0 ? c : Long.compare(seq, o.seq);
            }
        }

        final Writer out;
        final PriorityQueue<Row> pending = new PriorityQueue<>();
        long seq;
        long written;
        long bytes;

        TrackingFile(Path file, LocalDate day) throws IOException {
            Files.createDirectories(file.getParent());
            out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 18);
            out.write('\uFEFF');
            for (String h : List.of("#Software: Microsoft Exchange Server", "#Version: " + VERSION,
                    "#Log-type: Message Tracking Log", "#Date: " + day + "T00:00:00.000Z", "#Fields: " + FIELDS)) {
                write(h);
            }
        }

        void add(long millis, String text) {
            pending.add(new Row(millis, seq++, text));
        }

        void releaseBefore(long millis) throws IOException {
            while (!pending.isEmpty() && pending.peek().millis < millis) {
                write(pending.poll().text);
            }
        }

        private void write(String line) throws IOException {
            out.write(line);
            out.write("\r\n");
            written++;
            bytes += line.length() + 2;
        }
    }

    /** What the generator knows of the site: its files, ID counters and the counts it reports. */
    private static final class Site {
        final SplittableRandom random;
        final Map<String, TrackingFile> files = new LinkedHashMap<>();
        final Map<String, Long> byKind = new TreeMap<>();
        final Map<String, Long> internalIds = new LinkedHashMap<>();
        long notifications;
        long recipients;
        long logId;

        Site(SplittableRandom random) {
            this.random = random;
        }

        long nextId(String server) {
            return internalIds.merge(server, 1L, Long::sum) + 12_884_901_888L;
        }

        void row(String file, long millis, Map<String, String> fields) {
            String[] names = FIELDS.split(",");
            StringBuilder sb = new StringBuilder(400);
            fields.putIfAbsent("transport-traffic-type", "Email");
            fields.putIfAbsent("schema-version", VERSION);
            fields.put("log-id", String.format("08DD%012X", ++logId));
            fields.put("date-time", STAMP.format(Instant.ofEpochMilli(millis)));
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String v = fields.getOrDefault(names[i], "");
                if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0) {
                    sb.append('"').append(v.replace("\"", "\"\"")).append('"');
                } else {
                    sb.append(v);
                }
            }
            files.get(file).add(millis, sb.toString());
        }
    }

    public static GeneratedLog generate(LogGenerator.Options options, Path dir) throws IOException {
        Site site = new Site(new SplittableRandom(options.seed()));
        String day = options.day().toString().replace("-", "");
        for (String m : MAILBOX) {
            String short_ = m.substring(0, m.indexOf('.'));
            site.files.put(m, new TrackingFile(dir.resolve(short_).resolve("MSGTRK" + day + "-1.LOG"), options.day()));
            site.files.put(m + "/ms", new TrackingFile(dir.resolve(short_).resolve("MSGTRKMS" + day + "-1.LOG"), options.day()));
            site.files.put(m + "/md", new TrackingFile(dir.resolve(short_).resolve("MSGTRKMD" + day + "-1.LOG"), options.day()));
        }
        site.files.put(EDGE, new TrackingFile(dir.resolve("edge1").resolve("MSGTRK" + day + "-1.LOG"), options.day()));
        long dayStart = options.day().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        double spacing = 86_400_000.0 / options.messages();
        for (long i = 0; i < options.messages(); i++) {
            long t = dayStart + (long) (i * spacing + site.random.nextDouble() * spacing);
            for (TrackingFile f : site.files.values()) {
                f.releaseBefore(t);
            }
            message(site, t, i);
        }
        long lines = 0;
        long bytes = 0;
        for (TrackingFile f : site.files.values()) {
            f.releaseBefore(Long.MAX_VALUE);
            f.out.close();
            lines += f.written;
            bytes += f.bytes;
        }
        return new GeneratedLog(options.messages(), site.notifications, site.recipients, lines, bytes, site.byKind);
    }

    private static void message(Site s, long t, long serial) {
        int roll = s.random.nextInt(100);
        if (roll < 40) {
            inbound(s, t, serial);
        } else if (roll < 75) {
            outbound(s, t, serial);
        } else {
            internal(s, t, serial);
        }
    }

    private static Map<String, String> envelope(String messageId, String network, String sender, List<String> to,
                                                String subject, long size, String direction) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("message-id", messageId);
        f.put("network-message-id", network);
        f.put("recipient-address", String.join(";", to));
        f.put("recipient-count", Integer.toString(to.size()));
        f.put("message-subject", subject);
        f.put("sender-address", sender);
        f.put("return-path", sender);
        f.put("total-bytes", Long.toString(size));
        f.put("directionality", direction);
        return f;
    }

    private static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> f = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            f.put(kv[i], kv[i + 1]);
        }
        return f;
    }

    private static String ip(String server) {
        return server.equals(EDGE) ? "10.0.3.21" : server.equals(MAILBOX[0]) ? "10.0.3.11" : "10.0.3.12";
    }

    private static String guid(SplittableRandom r) {
        return String.format("%08x-%04x-4%03x-%04x-08dd%08x", r.nextInt() & 0xffffffffL, r.nextInt(0x10000),
                r.nextInt(0x1000), 0x8000 | r.nextInt(0x4000), r.nextInt() & 0xffffffffL);
    }

    private static List<String> hostedRecipients(SplittableRandom r) {
        int n = 1 + (r.nextInt(10) < 7 ? 0 : r.nextInt(3));
        List<String> to = new ArrayList<>(n);
        while (to.size() < n) {
            String a = Population.hostedUser(r);
            if (!to.contains(a)) {
                to.add(a);
            }
        }
        return to;
    }

    /** From the Internet through the Edge to a mailbox; sometimes to a group the Mailbox server expands. */
    private static void inbound(Site s, long t, long serial) {
        SplittableRandom r = s.random;
        String sender = Population.remoteAddress(r);
        String remoteHost = Population.mailHostOf(sender.substring(sender.indexOf('@') + 1));
        String remoteIp = Population.ipOf(remoteHost);
        boolean group = r.nextInt(10) == 0;
        List<String> to = group ? List.of("team" + r.nextInt(50) + "@" + Population.hostedDomain(r.nextInt(8)))
                : hostedRecipients(r);
        String mbx = MAILBOX[r.nextInt(2)];
        Map<String, String> env = envelope("<" + Long.toHexString(r.nextLong()) + "@" + remoteHost + ">", guid(r), sender, to,
                Population.subject(r, serial), 2_000 + r.nextInt(200_000), "Incoming");
        long edgeId = s.nextId(EDGE);
        s.row(EDGE, t, with(env, "client-ip", remoteIp, "client-hostname", remoteHost, "server-ip", "192.0.2.21",
                "server-hostname", EDGE, "connector-id", "EDGE1\\Default internal receive connector EDGE1", "source", "SMTP",
                "event-id", "RECEIVE", "internal-message-id", Long.toString(edgeId), "original-client-ip", remoteIp,
                "custom-data", "S:MimeParts=2/2/2"));
        s.row(EDGE, t + 180, with(env, "server-hostname", EDGE, "source", "AGENT", "source-context", "Content Filter Agent",
                "event-id", "AGENTINFO", "internal-message-id", Long.toString(edgeId),
                "custom-data", "S:SFA=SUM|SCL=" + r.nextInt(4) + "|SFV=NSPM|IPV=NLI"));
        long mbxId = s.nextId(mbx);
        s.row(EDGE, t + 640, with(env, "client-ip", ip(EDGE), "client-hostname", EDGE, "server-ip", ip(mbx), "server-hostname", mbx,
                "connector-id", "EdgeSync - Inbound to Default-First-Site-Name", "source", "SMTP", "event-id", "SEND",
                "internal-message-id", Long.toString(edgeId), "recipient-status", status(to.size(), "250 2.1.5 Recipient OK"),
                "source-context", "250 2.6.0 Queued mail for delivery [InternalId=" + mbxId + "]"));
        s.row(mbx, t + 610, with(env, "client-ip", ip(EDGE), "client-hostname", EDGE, "server-ip", ip(mbx), "server-hostname", mbx,
                "connector-id", "Default " + mbx, "source", "SMTP", "event-id", "RECEIVE", "internal-message-id",
                Long.toString(mbxId), "original-client-ip", remoteIp));
        List<String> deliverTo = to;
        if (group) {
            deliverTo = new ArrayList<>();
            int members = 2 + r.nextInt(4);
            while (deliverTo.size() < members) {
                String a = Population.hostedUser(r);
                if (!deliverTo.contains(a)) {
                    deliverTo.add(a);
                }
            }
            s.row(mbx, t + 700, with(env, "server-hostname", mbx, "source", "ROUTING", "event-id", "EXPAND",
                    "internal-message-id", Long.toString(mbxId), "recipient-address", String.join(";", deliverTo),
                    "recipient-count", Integer.toString(deliverTo.size()), "related-recipient-address", to.get(0)));
            s.recipients += 1; // the group's Expanded row
            s.byKind.merge("inbound-group", 1L, Long::sum);
        } else {
            s.byKind.merge("inbound", 1L, Long::sum);
        }
        long deliverId = s.nextId(mbx + "/md");
        long at = t + 900;
        for (String rcpt : deliverTo) {
            s.row(mbx + "/md", at += 15, with(env, "client-ip", ip(mbx), "client-hostname", mbx, "server-ip", ip(mbx),
                    "server-hostname", mbx, "source", "STOREDRIVER", "event-id", "DELIVER", "internal-message-id",
                    Long.toString(deliverId), "recipient-address", rcpt, "recipient-count", "1",
                    "source-context", "MDB:" + guid(r) + ", MessageClass:IPM.Note, ClientType:StoreDriver"));
        }
        s.recipients += deliverTo.size();
    }

    /** The submission service's RECEIVE and SUBMIT, then the Transport service's RECEIVE. Returns its ID. */
    private static long submitted(Site s, long t, String mbx, Map<String, String> env) {
        long msId = s.nextId(mbx + "/ms");
        s.row(mbx + "/ms", t, with(env, "server-hostname", mbx, "source", "STOREDRIVER", "event-id", "RECEIVE",
                "internal-message-id", Long.toString(msId), "source-context", "MDB:" + guid(s.random)
                        + ", MessageClass:IPM.Note, ClientType:" + (s.random.nextBoolean() ? "OWA" : "MOMT")));
        s.row(mbx + "/ms", t + 40, with(env, "client-ip", ip(mbx), "client-hostname", mbx, "server-hostname", mbx,
                "source", "STOREDRIVER", "event-id", "SUBMIT", "internal-message-id", Long.toString(msId)));
        long id = s.nextId(mbx);
        s.row(mbx, t + 200, with(env, "client-ip", ip(mbx), "client-hostname", mbx, "server-ip", ip(mbx), "server-hostname", mbx,
                "connector-id", "Default " + mbx, "source", "SMTP", "event-id", "RECEIVE", "internal-message-id",
                Long.toString(id), "original-client-ip", ip(mbx)));
        String shadow = mbx.equals(MAILBOX[0]) ? MAILBOX[1] : MAILBOX[0];
        s.row(mbx, t + 215, with(env, "server-ip", ip(shadow), "server-hostname", shadow, "source", "SMTP",
                "event-id", "HAREDIRECT", "internal-message-id", Long.toString(id), "source-context", "ShadowRedundancy"));
        return id;
    }

    /** From a mailbox out through the Edge: sent, deferred then sent, or failed with a DSN back to the sender. */
    private static void outbound(Site s, long t, long serial) {
        SplittableRandom r = s.random;
        String sender = Population.hostedUser(r);
        String mbx = MAILBOX[r.nextInt(2)];
        String rcpt = Population.remoteAddress(r);
        String remoteHost = Population.mailHostOf(rcpt.substring(rcpt.indexOf('@') + 1));
        Map<String, String> env = envelope("<" + Long.toHexString(r.nextLong()) + "@" + mbx + ">", guid(r), sender,
                List.of(rcpt), Population.subject(r, serial), 1_000 + r.nextInt(80_000), "Originating");
        long id = submitted(s, t, mbx, env);
        long edgeId = s.nextId(EDGE);
        s.row(mbx, t + 600, with(env, "client-ip", ip(mbx), "client-hostname", mbx, "server-ip", ip(EDGE), "server-hostname", EDGE,
                "connector-id", "EdgeSync - Default-First-Site-Name to Internet", "source", "SMTP", "event-id", "SEND",
                "internal-message-id", Long.toString(id), "recipient-status", "250 2.1.5 Recipient OK"));
        s.row(EDGE, t + 580, with(env, "client-ip", ip(mbx), "client-hostname", mbx, "server-ip", ip(EDGE), "server-hostname", EDGE,
                "source", "SMTP", "event-id", "RECEIVE", "internal-message-id", Long.toString(edgeId), "original-client-ip", ip(mbx)));
        Map<String, String> send = with(env, "client-ip", ip(EDGE), "client-hostname", EDGE, "server-ip",
                Population.ipOf(remoteHost), "server-hostname", remoteHost, "source", "SMTP", "internal-message-id",
                Long.toString(edgeId), "connector-id", "EdgeSync - Default-First-Site-Name to Internet");
        int roll = r.nextInt(100);
        s.recipients += 1;
        if (roll < 85) {
            s.row(EDGE, t + 1_400, with(send, "event-id", "SEND", "recipient-status", "250 2.0.0 OK"));
            s.byKind.merge("outbound-sent", 1L, Long::sum);
        } else if (roll < 95) {
            s.row(EDGE, t + 31_000, with(send, "event-id", "DEFER",
                    "recipient-status", "451 4.4.0 Primary target IP address responded with: \"421 4.3.2 Service not available\""));
            s.row(EDGE, t + 1_800_000 + r.nextInt(600_000), with(send, "event-id", "SEND", "recipient-status", "250 2.0.0 OK"));
            s.byKind.merge("outbound-deferred", 1L, Long::sum);
        } else {
            s.row(EDGE, t + 1_500, with(send, "event-id", "FAIL",
                    "recipient-status", "550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown"));
            long dsnId = s.nextId(EDGE);
            Map<String, String> dsn = envelope("<" + Long.toHexString(r.nextLong()) + "@" + EDGE + ">", guid(r), "<>",
                    List.of(sender), "Undeliverable: " + env.get("message-subject"), 6_000, "Originating");
            dsn.put("sender-address", "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@" + sender.substring(sender.indexOf('@') + 1));
            s.row(EDGE, t + 1_560, with(dsn, "server-hostname", EDGE, "source", "DSN", "event-id", "DSN",
                    "internal-message-id", Long.toString(dsnId), "reference", env.get("message-id")));
            long back = s.nextId(mbx);
            s.row(EDGE, t + 1_900, with(dsn, "client-ip", ip(EDGE), "client-hostname", EDGE, "server-ip", ip(mbx),
                    "server-hostname", mbx, "source", "SMTP", "event-id", "SEND", "internal-message-id", Long.toString(dsnId),
                    "recipient-status", "250 2.1.5 Recipient OK"));
            s.row(mbx, t + 1_880, with(dsn, "client-ip", ip(EDGE), "client-hostname", EDGE, "server-ip", ip(mbx),
                    "server-hostname", mbx, "source", "SMTP", "event-id", "RECEIVE", "internal-message-id", Long.toString(back)));
            s.row(mbx + "/md", t + 2_300, with(dsn, "client-ip", ip(mbx), "client-hostname", mbx, "server-hostname", mbx,
                    "source", "STOREDRIVER", "event-id", "DELIVER", "internal-message-id", Long.toString(s.nextId(mbx + "/md"))));
            s.notifications++;
            s.recipients += 1;
            s.byKind.merge("outbound-failed", 1L, Long::sum);
        }
    }

    /** From a mailbox on one server to mailboxes on the other (or the same). */
    private static void internal(Site s, long t, long serial) {
        SplittableRandom r = s.random;
        String mbx = MAILBOX[r.nextInt(2)];
        String target = MAILBOX[r.nextInt(2)];
        List<String> to = hostedRecipients(r);
        Map<String, String> env = envelope("<" + Long.toHexString(r.nextLong()) + "@" + mbx + ">", guid(r),
                Population.hostedUser(r), to, Population.subject(r, serial), 1_000 + r.nextInt(60_000), "Originating");
        long id = submitted(s, t, mbx, env);
        long targetId = id;
        if (!target.equals(mbx)) {
            targetId = s.nextId(target);
            s.row(mbx, t + 500, with(env, "client-ip", ip(mbx), "client-hostname", mbx, "server-ip", ip(target),
                    "server-hostname", target, "connector-id", "Intra-Organization SMTP Send Connector", "source", "SMTP",
                    "event-id", "SEND", "internal-message-id", Long.toString(id),
                    "recipient-status", status(to.size(), "250 2.1.5 Recipient OK")));
            s.row(target, t + 480, with(env, "client-ip", ip(mbx), "client-hostname", mbx, "server-ip", ip(target),
                    "server-hostname", target, "source", "SMTP", "event-id", "RECEIVE", "internal-message-id",
                    Long.toString(targetId), "original-client-ip", ip(mbx)));
        }
        long deliverId = s.nextId(target + "/md");
        long at = t + 800;
        for (String rcpt : to) {
            s.row(target + "/md", at += 12, with(env, "client-ip", ip(target), "client-hostname", target,
                    "server-hostname", target, "source", "STOREDRIVER", "event-id", "DELIVER", "internal-message-id",
                    Long.toString(deliverId), "recipient-address", rcpt, "recipient-count", "1"));
        }
        s.recipients += to.size();
        s.byKind.merge("internal", 1L, Long::sum);
    }

    private static String status(int n, String one) {
        return String.join(";", java.util.Collections.nCopies(n, one));
    }

    public static void main(String[] args) throws IOException {
        long messages = 0;
        long seed = 42;
        LocalDate day = LogGenerator.DEFAULT_DAY;
        Path output = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = Long.parseLong(args[++i].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--day" -> day = LocalDate.parse(args[++i]);
                case "--output" -> output = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: ExchangeLogGenerator --messages N [--seed S] [--day YYYY-MM-DD] --output DIR");
                    System.exit(2);
                }
            }
        }
        if (output == null || messages < 1) {
            System.err.println("usage: ExchangeLogGenerator --messages N [--seed S] [--day YYYY-MM-DD] --output DIR");
            System.exit(2);
        }
        GeneratedLog log = generate(new LogGenerator.Options(messages, seed, day), output);
        System.out.println(output + ": " + log);
    }
}
