package org.mailtrace.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private Exim daemon on loopback, run from Debian's exim4-daemon-light binary unpacked (not
 * installed: it conflicts with postfix) into {@code /opt/exim4-unpacked}. Its config, spool, logs and
 * mailboxes live in one fresh directory; every command gets {@code -C <own config>}, so /etc/exim4,
 * /var/spool/exim4 and any system mail setup are never read or written.
 *
 * <p>The config is not in Debian's TRUSTED_CONFIG_LIST, so every Exim process after the daemon runs
 * as the Exim user ({@code Debian-exim}, which must exist: the binary looks it up before reading any
 * config); the template delivers to mailboxes as that user too (see {@code e2e-exim/exim4.conf}).
 */
final class EximInstance implements AutoCloseable {

    static final Path UNPACKED = Path.of("/opt/exim4-unpacked");
    static final String EXIM = UNPACKED.resolve("usr/sbin/exim4").toString();
    static final String EXIM_USER = "Debian-exim";
    /** The one SMTP AUTH account of the template's plaintext authenticators. */
    static final String AUTH_USER = "mt-submit";
    static final String AUTH_PASSWORD = "e2e-secret";
    /** How often the daemon starts a queue runner: the retries of deferred mail happen then. */
    static final String QUEUE_RUN_INTERVAL = "4s";

    private static final List<String> CONFIG_FILES = List.of("exim4.conf", "aliases");
    /** A line of {@code exim -bp}: age, size, message ID, sender, maybe "*** frozen ***". */
    private static final Pattern QUEUE_LINE =
            Pattern.compile("^\\s*\\S+\\s+\\S+\\s+(\\w{6}-\\w{6}-\\w{2})\\s+<[^>]*>(\\s+\\*\\*\\* frozen \\*\\*\\*)?");

    private final Path base;
    private final EximLogSelector selector;
    private final Path config;
    private final GrowingLog mainlog;
    private final Path logCopy;
    private boolean running;

    private EximInstance(Path base, EximLogSelector selector, Path logCopy) {
        this.base = base;
        this.selector = selector;
        this.config = base.resolve("etc/exim4.conf");
        this.mainlog = new GrowingLog(base.resolve("log/mainlog"));
        this.logCopy = logCopy;
    }

    /**
     * Writes the config from the {@code /e2e-exim/} templates into {@code base}, with {@code selector}'s
     * log_selector and ports, checks it and starts the daemon. {@link #close()} stops it, copies the
     * main log to {@code logCopy} (also after a failure, for diagnosis) and deletes {@code base}.
     */
    static EximInstance start(Path base, EximLogSelector selector, Path logCopy) throws IOException {
        LoopbackPorts.requireFree(selector.smtpdPort(), "the e2e Exim (" + selector + " log_selector)");
        EximInstance exim = new EximInstance(base, selector, logCopy);
        try {
            exim.configure();
            exim.run("-bV");
            exim.running = true;
            exim.run("-bd", "-q" + QUEUE_RUN_INTERVAL);
            Waits.until("Exim daemon to log its start in " + exim.mainlog.file(), Duration.ofSeconds(30),
                    () -> exim.mainlog.slice(0, exim.mainlog.offset()).contains("daemon started"));
            return exim;
        } catch (IOException | RuntimeException e) {
            exim.close();
            throw e;
        }
    }

    private void configure() throws IOException {
        // The Exim user must traverse the instance directory; the config must be root's and not writable by others.
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(config.getParent());
        for (String dir : List.of("spool", "log", "mail")) {
            Path made = Files.createDirectories(base.resolve(dir));
            Command.run(List.of("chown", EXIM_USER + ":" + EXIM_USER, made.toString()), Duration.ofSeconds(10))
                    .requireSuccess();
        }
        for (String name : CONFIG_FILES) {
            try (InputStream template = EximInstance.class.getResourceAsStream("/e2e-exim/" + name)) {
                if (template == null) {
                    throw new IOException("/e2e-exim/" + name + ": template missing from the test classpath");
                }
                String text = new String(template.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("@BASE@", base.toString())
                        .replace("@EXIM@", EXIM)
                        .replace("@SMTPD_PORT@", Integer.toString(selector.smtpdPort()))
                        .replace("@PEER_PORT@", Integer.toString(selector.peerPort()))
                        .replace("@LOG_SELECTOR@", selector.line())
                        .replace("@AUTH_USER@", AUTH_USER)
                        .replace("@AUTH_PASSWORD@", AUTH_PASSWORD);
                Path file = config.resolveSibling(name);
                Files.writeString(file, text, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    /** The log_selector (and ports) this instance runs with. */
    EximLogSelector selector() {
        return selector;
    }

    GrowingLog mainlog() {
        return mainlog;
    }

    /** Runs the Exim binary with this instance's config and {@code args}; fails on non-zero exit. */
    String run(String... args) {
        return Command.run(command(args), Duration.ofSeconds(60)).requireSuccess().output();
    }

    /** Submits a message on standard input as a local program would ({@code exim -odi -f sender recipient}). */
    void submit(String sender, String recipient, String message) {
        Command.run(command("-odi", "-f", sender, recipient), Duration.ofSeconds(60), message).requireSuccess();
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(EXIM, "-C", config.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The messages in the queue, from {@code exim -bp}. */
    List<QueuedMessage> queue() {
        List<QueuedMessage> messages = new ArrayList<>();
        for (String line : run("-bp").split("\n")) {
            Matcher matcher = QUEUE_LINE.matcher(line);
            if (matcher.find()) {
                messages.add(new QueuedMessage(matcher.group(1), matcher.group(2) != null));
            }
        }
        return messages;
    }

    /** One message in the queue: its ID and whether it is frozen (no delivery until thawed or removed). */
    record QueuedMessage(String messageId, boolean frozen) {
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            stopDaemon();
        }
        try {
            if (Files.exists(mainlog.file())) {
                Files.copy(mainlog.file(), logCopy, StandardCopyOption.REPLACE_EXISTING);
            }
            Path paniclog = base.resolve("log/paniclog");
            if (Files.exists(paniclog)) {
                System.err.println(paniclog + ": Exim wrote to its panic log:\n" + Files.readString(paniclog));
            }
        } catch (IOException e) {
            System.err.println(mainlog.file() + ": cannot keep a copy: " + e);
        }
        deleteTree(base);
    }

    /** SIGTERM to the daemon named in its pid file, then wait until it is gone. */
    private void stopDaemon() {
        Path pidFile = base.resolve("exim.pid");
        // exim -bd returns before the daemon it forked has written its pid file.
        long pidDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(pidFile) && System.nanoTime() < pidDeadline) {
            Waits.pause(Duration.ofMillis(100));
        }
        String pid;
        try {
            pid = Files.exists(pidFile) ? Files.readString(pidFile).trim() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(pidFile + ": cannot read the daemon's pid", e);
        }
        if (pid.isEmpty()) {
            System.err.println(pidFile + ": no pid 10 s after exim -bd; stop the daemon listening on 127.0.0.1:"
                    + selector.smtpdPort() + " by hand (ps -ef | grep " + base + ")");
            return;
        }
        Command.run(List.of("kill", "-TERM", pid), Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Files.exists(Path.of("/proc", pid)) && System.nanoTime() < deadline) {
            Waits.pause(Duration.ofMillis(100));
        }
        if (Files.exists(Path.of("/proc", pid))) {
            System.err.println(pidFile + ": Exim daemon " + pid + " still running 20 s after SIGTERM");
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    System.err.println(path + ": cannot delete: " + e);
                }
            });
        } catch (IOException e) {
            System.err.println(root + ": cannot clean up: " + e);
        }
    }
}
