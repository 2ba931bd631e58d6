package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serve and user commands' option handling (the HTTP behaviour is tested in mailtrace-server). */
class ServeAndUserCommandsTest {
    @TempDir
    Path dir;

    @Test
    void userAddReadsThePasswordFromStdinAndListShowsRoleAndDomains() {
        CliRun add = CliRun.withStdin(new ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)),
                "user", "add", "--data", dir.toString(), "Alice", "--role", "help-desk", "--domain", "example.org");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("user alice added: Help Desk, domains example.org");
        CliRun list = CliRun.of("user", "list", "--data", dir.toString());
        assertThat(list.out()).contains("alice").contains("Help Desk").contains("example.org");
        CliRun again = CliRun.withStdin(new ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)),
                "user", "add", "--data", dir.toString(), "alice", "--role", "View-Only");
        assertThat(again.exit()).isEqualTo(Main.USAGE);
        assertThat(again.err()).contains("already exists");
        assertThat(CliRun.of("user", "delete", "--data", dir.toString(), "alice").exit()).isZero();
    }

    @Test
    void userAddRefusesShortPasswordsAndUnknownRoles() {
        CliRun shortPw = CliRun.withStdin(new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)),
                "user", "add", "--data", dir.toString(), "bob", "--role", "Help Desk");
        assertThat(shortPw.exit()).isEqualTo(Main.USAGE);
        assertThat(shortPw.err()).contains("at least 12");
        CliRun badRole = CliRun.withStdin(new ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)),
                "user", "add", "--data", dir.toString(), "bob", "--role", "root");
        assertThat(badRole.err()).contains("unknown role");
    }

    @Test
    void liveSourcesAreValidatedBeforeAnythingStarts() {
        CliRun follow = CliRun.of("serve", "--data", dir.toString(), "--follow", dir.resolve("absent.log").toString());
        assertThat(follow.exit()).isEqualTo(Main.USAGE);
        assertThat(follow.err()).contains("absent.log is not a file");
        CliRun tls = CliRun.of("serve", "--data", dir.toString(), "--syslog-tls", "0.0.0.0:6514");
        assertThat(tls.exit()).isEqualTo(Main.USAGE);
        assertThat(tls.err()).contains("tls-cert");
    }

    @Test
    void serveWithADataFileSaysWhatToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("mail.log"), "x\n");
        CliRun r = CliRun.of("serve", "--data", file.toString(), "--listen", "127.0.0.1:0");
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("serve: --data " + file + " is a file, not a data directory; name a directory");
    }

    @Test
    void aPortInUseIsOneCleanMessageWithoutALibraryErrorLine() throws Exception {
        Path log = dir.resolve("serve.out");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process serve = ChildCli.start(log, "serve", "--data", dir.resolve("d").toString(),
                    "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(serve.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("serve exits").isTrue();
            String out = Files.readString(log);
            assertThat(serve.exitValue()).as(out).isEqualTo(Main.RUNTIME_ERROR);
            assertThat(out).contains("serve: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use")
                    .contains("--listen HOST:PORT")
                    .doesNotContain("ERROR").doesNotContain("Javalin");
        }
    }

    @Test
    void configFileKeysAreCheckedAndTheCommandLineWins() throws Exception {
        Path conf = dir.resolve("serve.conf");
        Files.writeString(conf, "data = " + dir + "\nlisten = nonsense\n");
        CliRun bad = CliRun.of("serve", "--config", conf.toString());
        assertThat(bad.exit()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("listen must be HOST:PORT");
        CliRun overridden = CliRun.of("serve", "--config", conf.toString(), "--listen", "127.0.0.1:0", "--follow", "x.log");
        assertThat(overridden.err()).doesNotContain("listen must").contains("x.log is not a file");
        Files.writeString(conf, "data = " + dir + "\nlisen = 1\n");
        assertThat(CliRun.of("serve", "--config", conf.toString()).err()).contains("unknown setting 'lisen'");
    }

    @Test
    void noIngestServesSearchesOnlyAndSaysWhichConfiguredSourcesItLeftOut() throws Exception {
        Path mailLog = Files.writeString(dir.resolve("mail.log"), "");
        Path conf = dir.resolve("node.conf");
        Files.writeString(conf, "data = " + dir.resolve("d") + "\nfollow = " + mailLog + "\nsyslog-udp = 127.0.0.1:0\n");
        Path log = dir.resolve("serve-no-ingest.out");
        Process serve = ChildCli.start(log, "serve", "--config", conf.toString(), "--no-ingest", "--listen", "127.0.0.1:0");
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(log).contains("serve: listening on") && serve.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String out = Files.readString(log);
            assertThat(out).as(out).contains("serve: listening on")
                    .contains("serve: --no-ingest: not reading the configuration's live sources (follow = " + mailLog
                            + ", syslog-udp = 127.0.0.1:0)")
                    .doesNotContain("serve: following").doesNotContain("serve: receiving syslog");
        } finally {
            serve.destroy();
            serve.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        CliRun both = CliRun.of("serve", "--config", conf.toString(), "--no-ingest", "--follow", mailLog.toString());
        assertThat(both.exit()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("--no-ingest and --follow contradict each other");
    }

    @Test
    void userAddOidcOnlyReadsNoPasswordAndStoresNone() throws Exception {
        CliRun add = CliRun.withStdin(new ByteArrayInputStream(new byte[0]),
                "user", "add", "--data", dir.toString(), "carol@example.org", "--role", "View-Only", "--oidc-only");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("user carol@example.org added: View-Only, all domains, OIDC sign-in only");
        assertThat(new org.mailtrace.server.auth.JsonFileUserStore(dir.resolve("users.json")).find("carol@example.org")
                .orElseThrow().passwordHash()).isNull();
    }

    @Test
    void everySignInKeyIsAServeOptionAndOidcNeedsItsClientAndPublicUrl() {
        picocli.CommandLine cmd = new picocli.CommandLine(new ServeCommand());
        for (String key : org.mailtrace.server.ServerConfig.KEYS.keySet()) {
            if (key.startsWith("oidc-") || key.equals("public-url") || key.equals("password-sign-in")) {
                assertThat(cmd.getCommandSpec().findOption("--" + key)).as(key).isNotNull();
            }
        }
        CliRun noClient = CliRun.of("serve", "--data", dir.toString(), "--oidc-issuer", "https://login.example.org/realms/mail");
        assertThat(noClient.exit()).isEqualTo(Main.USAGE);
        assertThat(noClient.err()).contains("oidc-client-id");
        CliRun noUrl = CliRun.of("serve", "--data", dir.toString(), "--oidc-issuer", "https://login.example.org/realms/mail",
                "--oidc-client-id", "mailtrace", "--oidc-role-map", "Help Desk=helpdesk", "--oidc-role-map", "View-Only=staff");
        assertThat(noUrl.exit()).isEqualTo(Main.USAGE);
        assertThat(noUrl.err()).contains("public-url");
    }
}
