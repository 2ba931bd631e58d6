package org.mailtrace.syslog;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private syslog-ng run from an unpacked Debian package (Debian's syslog-ng-core conflicts with
 * rsyslog, so CI unpacks it instead of installing it). Everything it writes (config, persist file,
 * pid file, control socket, its own messages) lives in one directory. Each destination gets its own
 * log path from its own unix-stream input socket there, standing in for /dev/log, so a test can
 * drive one route at a time; lines get {@link #HOST} as their host because a local program's
 * syslog() sends none.
 */
final class SyslogNgInstance implements AutoCloseable {
    /** System property, then environment variable, naming the unpacked {@code usr/sbin/syslog-ng}. */
    static final String PROPERTY = "mailtrace.syslogng";
    static final String ENV = "MAILTRACE_SYSLOG_NG";
    static final Path DEFAULT_BINARY = Path.of("/opt/syslog-ng-unpacked/usr/sbin/syslog-ng");
    static final String HOST = "mx1.example.test";

    private final Path dir;
    private final Process process;

    private SyslogNgInstance(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Where the binary should be: the system property, else the environment variable, else the default. */
    static Path binary() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        return configured == null || configured.isBlank() ? DEFAULT_BINARY : Path.of(configured);
    }

    /**
     * Starts syslog-ng in the foreground with one log path per destination, from input socket
     * {@code NAME.sock} to destination NAME; {@code destinations} maps names to drivers, e.g.
     * {@code network("127.0.0.1" port(514) transport("udp"))}.
     */
    static SyslogNgInstance start(Path binary, Path dir, Map<String, String> destinations)
            throws IOException, InterruptedException {
        Path root = binary.toAbsolutePath().getParent().getParent().getParent(); // <root>/usr/sbin/syslog-ng
        List<String> conf = new ArrayList<>();
        conf.add("@version: 3.38");
        // stats-freq(0): no periodic statistics lines; time-reopen(1): reconnect a dropped destination after 1 s, not 60
        conf.add("options { stats-freq(0); time-reopen(1); log-fifo-size(10000); };");
        destinations.forEach((name, driver) -> {
            conf.add("source s_" + name + " { unix-stream(\"" + socket(dir, name) + "\" host-override(\"" + HOST + "\")); };");
            conf.add("destination " + name + " { " + driver + "; };");
            conf.add("log { source(s_" + name + "); destination(" + name + "); };");
        });
        Path confFile = dir.resolve("syslog-ng.conf");
        Files.write(confFile, conf, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--foreground", "--stderr", "--no-caps",
                "--cfgfile=" + confFile, "--module-path=" + root.resolve("usr/lib/syslog-ng/3.38"),
                "--persist-file=" + dir.resolve("syslog-ng.persist"), "--pidfile=" + dir.resolve("syslog-ng.pid"),
                "--control=" + dir.resolve("syslog-ng.ctl"));
        // the binary's RUNPATH is /usr/lib/syslog-ng, where the package would have put libsyslog-ng
        pb.environment().put("LD_LIBRARY_PATH", root.resolve("usr/lib/syslog-ng").toString());
        Process p = pb.redirectErrorStream(true).redirectOutput(dir.resolve("syslog-ng.out").toFile()).start();
        SyslogNgInstance instance = new SyslogNgInstance(dir, p);
        for (String name : destinations.keySet()) {
            instance.awaitInput(name);
        }
        return instance;
    }

    private static Path socket(Path dir, String destination) {
        return dir.resolve(destination + ".sock");
    }

    /** A connection to the input of {@code destination}, where the test writes lines as glibc's syslog() would. */
    SocketChannel connectInput(String destination) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(socket(dir, destination)));
    }

    /** The config and syslog-ng's own messages, for assertion messages. */
    String diagnostics() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("syslog-ng.conf", "syslog-ng.out")) {
            try {
                out.append("--- ").append(name).append('\n').append(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("--- ").append(name).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    private void awaitInput(String destination) throws IOException, InterruptedException {
        Path socket = socket(dir, destination);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("syslog-ng exited with " + process.exitValue() + "\n" + diagnostics());
            }
            if (Files.exists(socket)) {
                try {
                    connectInput(destination).close();
                    return;
                } catch (IOException notYet) {
                    // the socket file exists before syslog-ng listens on it
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("syslog-ng did not open " + socket + " in 15 s\n" + diagnostics());
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: syslog-ng flushes its destinations and exits
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
