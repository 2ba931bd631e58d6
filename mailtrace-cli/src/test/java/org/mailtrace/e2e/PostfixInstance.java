package org.mailtrace.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private Postfix instance on loopback with its own config, queue, data and spool directories,
 * logging through postlogd into its own file. It never touches /etc/postfix or a running system
 * Postfix: every command gets {@code -c <own config directory>}.
 */
final class PostfixInstance implements AutoCloseable {

    static final String POSTFIX = "/usr/sbin/postfix";
    static final int SMTPD_PORT = 2525;
    static final int FILTERED_SMTPD_PORT = 2527;
    static final int REINJECT_PORT = 10026;
    static final int PEER_PORT = 2526;
    static final int CLOSED_PORT = 2599;
    static final int FILTER_QUEUED_AS_PORT = 10024;
    static final int FILTER_OPAQUE_PORT = 10025;
    static final int PROXY_FILTERED_SMTPD_PORT = 2528;
    static final int PROXY_FILTER_PORT = 10027;
    static final int MILTER_SMTPD_PORT = 2529;
    static final int MILTER_PORT = 10028;

    private static final List<String> CONFIG_FILES =
            List.of("main.cf", "master.cf", "aliases", "transport", "recipient_access", "header_checks", "virtual");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path base;
    private final Path config;
    private final Path maillog;
    private boolean running;

    private PostfixInstance(Path base, Path maillog) {
        this.base = base;
        this.config = base.resolve("etc");
        this.maillog = maillog;
    }

    /** Writes the configuration from the {@code /e2e/} templates into {@code base}, builds the maps, starts Postfix. */
    static PostfixInstance start(Path base, Path maillog) throws IOException {
        for (int port : List.of(SMTPD_PORT, FILTERED_SMTPD_PORT, REINJECT_PORT, PROXY_FILTERED_SMTPD_PORT,
                MILTER_SMTPD_PORT)) {
            requireFree(port);
        }
        PostfixInstance postfix = new PostfixInstance(base, maillog);
        try {
            postfix.configure();
            postfix.run("postfix", "check");
            postfix.running = true;
            postfix.run("postfix", "start");
            return postfix;
        } catch (IOException | RuntimeException e) {
            postfix.close();
            throw e;
        }
    }

    /** Fails early and clearly when another program (a system Postfix, an earlier run) holds a port. */
    private static void requireFree(int port) throws IOException {
        LoopbackPorts.requireFree(port, "the e2e Postfix");
    }

    private void configure() throws IOException {
        Files.createDirectories(config);
        Files.createDirectories(base.resolve("queue"));
        Path spool = Files.createDirectories(base.resolve("spool"));
        // local(8) delivers as the recipient: a sticky world-writable spool lets it create mailboxes.
        Command.run(List.of("chmod", "1777", spool.toString()), Duration.ofSeconds(10)).requireSuccess();
        Files.createDirectories(maillog.getParent());
        Files.deleteIfExists(maillog);
        for (String name : CONFIG_FILES) {
            try (InputStream template = PostfixInstance.class.getResourceAsStream("/e2e/" + name)) {
                if (template == null) {
                    throw new IOException("/e2e/" + name + ": template missing from the test classpath");
                }
                String text = new String(template.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("@BASE@", base.toString())
                        .replace("@MAILLOG@", maillog.toString());
                Files.writeString(config.resolve(name), text, StandardCharsets.UTF_8);
            }
        }
        run("postalias", config.resolve("aliases").toString());
        run("postmap", config.resolve("transport").toString());
        run("postmap", config.resolve("recipient_access").toString());
        run("postmap", config.resolve("virtual").toString());
    }

    /**
     * Removes the entry for {@code key} from the hash map {@code map} (a file in the config directory)
     * and rebuilds it. smtpd processes notice the changed table and restart before their next client.
     */
    void removeMapEntry(String map, String key) throws IOException {
        Path file = config.resolve(map);
        List<String> kept = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.split("\\s+", 2)[0].equalsIgnoreCase(key)).toList();
        if (kept.size() == Files.readAllLines(file, StandardCharsets.UTF_8).size()) {
            throw new IllegalArgumentException(file + ": no entry for " + key);
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
        run("postmap", file.toString());
    }

    Path configDirectory() {
        return config;
    }

    Path maillog() {
        return maillog;
    }

    /** Runs a Postfix command ({@code postfix}, {@code postsuper}, ...) against this instance; fails on non-zero exit. */
    String run(String program, String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/sbin/" + program, "-c", config.toString()));
        command.addAll(List.of(args));
        return Command.run(command, Duration.ofSeconds(60)).requireSuccess().output();
    }

    /** Submits a message through sendmail(1) -> postdrop -> pickup, as a local program would. */
    void sendmail(String sender, String recipient, String message) {
        Command.run(List.of("/usr/sbin/sendmail", "-C", config.toString(), "-f", sender, recipient),
                Duration.ofSeconds(30), message).requireSuccess();
    }

    /** The messages in the queue, from {@code postqueue -j}. */
    List<QueuedMessage> queue() {
        String output = run("postqueue", "-j");
        List<QueuedMessage> messages = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                messages.add(new QueuedMessage(node.path("queue_name").asText(), node.path("queue_id").asText()));
            } catch (IOException e) {
                throw new UncheckedIOException("postqueue -j: unreadable line: " + line, e);
            }
        }
        return messages;
    }

    /** One queue file: which queue it sits in (incoming, active, deferred, hold, maildrop) and its ID. */
    record QueuedMessage(String queueName, String queueId) {
    }

    /** The current size of the log in bytes: a case's slice starts and ends at such offsets. */
    long logOffset() {
        return new GrowingLog(maillog).offset();
    }

    /** The log bytes in [{@code from}, {@code to}) as text. */
    String logSlice(long from, long to) {
        return new GrowingLog(maillog).slice(from, to);
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            Command.Result stopped = Command.run(
                    List.of(POSTFIX, "-c", config.toString(), "stop"), Duration.ofSeconds(60));
            if (stopped.exitCode() != 0) {
                System.err.println(config + ": postfix stop failed: " + stopped.output());
            }
            awaitMasterExit();
        }
        deleteTree(base);
    }

    /** {@code postfix stop} only signals master(8); wait until {@code postfix status} says it is gone. */
    private void awaitMasterExit() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Command.run(List.of(POSTFIX, "-c", config.toString(), "status"), Duration.ofSeconds(20))
                    .exitCode() != 0) {
                return;
            }
            Waits.pause(Duration.ofMillis(200));
        }
        System.err.println(config + ": master(8) still running 20 s after postfix stop");
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
