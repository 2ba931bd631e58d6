package org.mailtrace.syslog;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private rsyslogd: its own config, pid file and work directory, no /dev/log (imuxsock is not
 * loaded) and no kernel log, one imtcp input on loopback that the test feeds, and the given
 * forwarding actions. The system's own rsyslog, if any, is not touched.
 */
final class RsyslogInstance implements AutoCloseable {
    static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");

    private final Path dir;
    private final int inputPort;
    private final Process process;

    private RsyslogInstance(Path dir, int inputPort, Process process) {
        this.dir = dir;
        this.inputPort = inputPort;
        this.process = process;
    }

    /**
     * Starts rsyslogd with {@code globals} (e.g. TLS CA file), the input on {@code inputPort}, and
     * {@code actions} (RainerScript action() statements) in the input's ruleset.
     */
    static RsyslogInstance start(Path dir, int inputPort, List<String> globals, List<String> actions)
            throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("work"));
        String conf = String.join("\n",
                "global(workDirectory=\"" + work + "\")",
                // keep "postfix/smtpd" whole as APP-NAME in RFC 5424 output (rsyslog cuts at '/' by default)
                "global(parser.permitSlashInProgramName=\"on\")",
                String.join("\n", globals),
                "module(load=\"imtcp\")",
                "module(load=\"mmrm1stspace\")",
                "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + inputPort + "\" ruleset=\"forward\")",
                "ruleset(name=\"forward\") {",
                // RFC 3164's MSG keeps the space after \"tag:\"; RFC 5424 output would carry it into MSG
                "  action(type=\"mmrm1stspace\")",
                "  " + String.join("\n  ", actions),
                "}",
                // rsyslog's own messages (start, errors) go to a file, for diagnosing a failed run
                "*.* action(type=\"omfile\" file=\"" + dir.resolve("rsyslogd-internal.log") + "\")",
                "");
        Path confFile = dir.resolve("rsyslog.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(RSYSLOGD.toString(), "-f", confFile.toString(), "-i", dir.resolve("rsyslogd.pid").toString(), "-n")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("rsyslogd.out").toFile())
                .start();
        RsyslogInstance instance = new RsyslogInstance(dir, inputPort, p);
        instance.awaitInput();
        return instance;
    }

    /** A connection to the imtcp input, where the test writes LF-terminated RFC 3164 lines. */
    Socket connectInput() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), inputPort);
    }

    /** rsyslogd's console output and its internal log, for assertion messages. */
    String diagnostics() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("rsyslog.conf", "rsyslogd.out", "rsyslogd-internal.log")) {
            try {
                out.append("--- ").append(name).append('\n').append(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("--- ").append(name).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    private void awaitInput() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("rsyslogd exited with " + process.exitValue() + "\n" + diagnostics());
            }
            try (Socket probe = connectInput()) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("rsyslogd did not open its input on 127.0.0.1:" + inputPort + " in 15 s\n" + diagnostics());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: rsyslogd flushes its action queues and exits
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
