package org.mailtrace.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.source.Framed;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;
import org.mailtrace.source.syslog.ListenerSettings;
import org.mailtrace.source.syslog.ReceivedLine;
import org.mailtrace.source.syslog.SyslogQueue;
import org.mailtrace.source.syslog.SyslogReceiver;
import org.mailtrace.source.syslog.SyslogTransport;
import org.mailtrace.source.syslog.TestCertificates;
import org.mailtrace.source.syslog.TlsServerContext;

/**
 * A real rsyslogd (Debian's) forwards real Postfix lines to mailtrace's syslog listeners, over each
 * transport and framing a mail server's rsyslog uses; every line must arrive, and
 * {@link SyslogFraming} must get host, program tag, pid and message back exactly. Skips when
 * rsyslogd is not installed or the test does not run as root; the TLS variant also needs the gtls
 * driver (package rsyslog-gnutls) and openssl.
 */
class RsyslogForwardingIT {
    private static final String HOST = "mx1.example.test";
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final Path GTLS = Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so");

    @TempDir
    Path dir;

    @Test
    void forwardsEveryPostfixLineOverUdpTcpAndTlsFramedForSyslogFraming() throws Exception {
        assumeTrue(Files.isExecutable(RsyslogInstance.RSYSLOGD), "rsyslogd is not installed (apt-get install rsyslog)");
        assumeTrue("root".equals(System.getProperty("user.name")), "a private rsyslogd needs root");
        List<RawLine> postfix = postfixLines();

        List<Variant> variants = new ArrayList<>();
        List<String> globals = new ArrayList<>();
        variants.add(new Variant("tcp octet-counted RFC 5424", ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0),
                "protocol=\"tcp\" TCP_Framing=\"octet-counted\" template=\"RSYSLOG_SyslogProtocol23Format\""));
        variants.add(new Variant("tcp LF RFC 3164 (default template)", ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0),
                "protocol=\"tcp\""));
        variants.add(new Variant("tcp LF RFC 3339 (RSYSLOG_ForwardFormat)", ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0),
                "protocol=\"tcp\" template=\"RSYSLOG_ForwardFormat\""));
        variants.add(new Variant("udp RFC 3164 (default template)", ListenerSettings.of(SyslogTransport.UDP, "127.0.0.1", 0),
                "protocol=\"udp\""));
        if (Files.exists(GTLS)) {
            TestCertificates.selfSigned(dir);
            globals.add("global(DefaultNetstreamDriverCAFile=\"" + dir.resolve("cert.pem") + "\")");
            variants.add(new Variant("tls octet-counted RFC 5424",
                    ListenerSettings.tls("127.0.0.1", 0, TlsServerContext.fromPem(dir.resolve("cert.pem"), dir.resolve("key.pem"))),
                    "protocol=\"tcp\" TCP_Framing=\"octet-counted\" template=\"RSYSLOG_SyslogProtocol23Format\""
                            + " StreamDriver=\"gtls\" StreamDriverMode=\"1\" StreamDriverAuthMode=\"x509/name\""
                            + " StreamDriverPermittedPeers=\"localhost\""));
        } else {
            System.out.println("[rsyslog e2e] TLS variant skipped: " + GTLS + " missing (apt-get install rsyslog-gnutls)");
        }
        List<String> actions = new ArrayList<>();
        for (Variant v : variants) {
            v.receiver.start();
            actions.add("action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + v.receiver.port() + "\" " + v.omfwd
                    + " action.resumeInterval=\"1\")");
        }
        try (RsyslogInstance rsyslog = RsyslogInstance.start(dir, freePort(), globals, actions)) {
            Instant started = Instant.now();
            RawLine warmUp = new RawLine(started, HOST, "postfix/master", 1, "warm-up: rsyslog connects its actions", "warm-up");
            send(rsyslog, List.of(warmUp));
            for (Variant v : variants) {
                assertThat(v.collect(1, Duration.ofSeconds(30))).as("%s: warm-up line\n%s", v.name, rsyslog.diagnostics()).hasSize(1);
            }
            System.out.printf("[rsyslog e2e] first line through every path after %d ms (rsyslog start-up)%n",
                    Duration.between(started, Instant.now()).toMillis());
            Instant[] sentAt = send(rsyslog, postfix);
            for (Variant v : variants) {
                List<ReceivedLine> got = v.collect(postfix.size(), Duration.ofSeconds(20));
                assertThat(got).as("%s: lines arrived\n%s", v.name, rsyslog.diagnostics()).hasSize(postfix.size());
                SyslogFraming framing = new SyslogFraming(ZONE, YearResolver.near(Instant.now(), ZONE));
                List<Duration> latencies = new ArrayList<>();
                for (int i = 0; i < got.size(); i++) {
                    Framed framed = framing.frame(got.get(i).text(), got.get(i).where());
                    assertThat(framed).as("%s line %d: %s", v.name, i + 1, got.get(i).text()).isInstanceOf(Framed.Ok.class);
                    RawLine line = ((Framed.Ok) framed).line();
                    RawLine sent = postfix.get(i);
                    assertThat(List.of(line.host(), line.tag(), line.pid(), line.message()))
                            .as("%s line %d: %s", v.name, i + 1, got.get(i).text())
                            .containsExactly(HOST, sent.tag(), sent.pid(), sent.message());
                    assertThat(Duration.between(line.time(), sentAt[i]).abs()).isLessThan(Duration.ofSeconds(5));
                    latencies.add(Duration.between(sentAt[i], got.get(i).receivedAt()));
                }
                assertThat(v.receiver.counts().droppedQueueFull() + v.receiver.counts().badFrames()
                        + v.receiver.counts().truncated()).as(v.name + " " + v.receiver.counts()).isZero();
                latencies.sort(null);
                System.out.printf("[rsyslog e2e] %-42s %d lines, arrival latency median %d ms, max %d ms%n", v.name,
                        latencies.size(), latencies.get(latencies.size() / 2).toMillis(),
                        latencies.get(latencies.size() - 1).toMillis());
            }
        } finally {
            variants.forEach(v -> v.receiver.stop());
        }
    }

    /** The header-less parts (tag, pid, message) of the real Postfix log the Postfix end-to-end suite recorded. */
    private static List<RawLine> postfixLines() throws IOException {
        List<RawLine> lines = RecordedPostfixLog.load().lines();
        assertThat(lines).hasSizeGreaterThan(100);
        return lines;
    }

    /** Writes each line to rsyslog's input with a fresh RFC 3164 header, as Postfix's syslog() would; returns when each was sent. */
    private static Instant[] send(RsyslogInstance rsyslog, List<RawLine> lines) throws IOException {
        DateTimeFormatter bsd = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
        Instant[] sentAt = new Instant[lines.size()];
        try (Socket s = rsyslog.connectInput()) {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < lines.size(); i++) {
                RawLine l = lines.get(i);
                sentAt[i] = Instant.now();
                String header = "<22>" + LocalDateTime.ofInstant(sentAt[i], ZONE).format(bsd) + " " + HOST + " ";
                String text = header + l.tag() + (l.pid() >= 0 ? "[" + l.pid() + "]" : "") + ": " + l.message() + "\n";
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        return sentAt;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One forwarding path: a mailtrace listener and the omfwd parameters that feed it. */
    private static final class Variant {
        final String name;
        final String omfwd;
        final SyslogQueue queue = new SyslogQueue(4096);
        final SyslogReceiver receiver;

        Variant(String name, ListenerSettings settings, String omfwd) {
            this.name = name;
            this.omfwd = omfwd;
            this.receiver = SyslogReceiver.create(settings, queue);
        }

        List<ReceivedLine> collect(int expected, Duration timeout) throws InterruptedException {
            List<ReceivedLine> got = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (got.size() < expected && System.nanoTime() < deadline) {
                ReceivedLine l = queue.poll(Duration.ofMillis(100));
                if (l != null) {
                    got.add(l);
                }
            }
            return got;
        }
    }
}
