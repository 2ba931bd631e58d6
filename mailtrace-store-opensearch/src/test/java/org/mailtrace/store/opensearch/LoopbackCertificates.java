package org.mailtrace.store.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Certificates made at test time with the JDK's keytool, in a directory of the test's own: a CA
 * ({@link #caPem}), a server key and certificate for 127.0.0.1 signed by it ({@link #serverContext}),
 * and an unrelated CA that signed nothing the server shows ({@link #otherCaPem}). Nothing is
 * checked in, so nothing expires in the repository.
 */
final class LoopbackCertificates {
    private static final String PASS = "changeit";

    private final Path dir;

    private LoopbackCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes both CAs and the server certificate under {@code dir} (a few keytool runs, about a second each). */
    static LoopbackCertificates create(Path dir) throws IOException, InterruptedException {
        LoopbackCertificates c = new LoopbackCertificates(dir);
        c.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=mailtrace test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        c.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        c.keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-keystore", "server.p12");
        c.keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
        c.keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile", "server.pem", "-rfc",
                "-ext", "san=ip:127.0.0.1", "-ext", "eku=serverAuth", "-validity", "2");
        Files.writeString(dir.resolve("chain.pem"), Files.readString(dir.resolve("server.pem")) + Files.readString(dir.resolve("ca.pem")));
        c.keytool("-importcert", "-noprompt", "-alias", "server", "-keystore", "server.p12", "-file", "chain.pem");
        c.keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=some other CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "other.p12");
        c.keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", "other.p12", "-file", "other-ca.pem");
        return c;
    }

    /** PEM of the CA that signed the server's certificate. */
    Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** PEM of a CA that signed nothing the server shows. */
    Path otherCaPem() {
        return dir.resolve("other-ca.pem");
    }

    /** A TLS context presenting the server's key and its chain (server certificate, CA). */
    SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            ks.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", args) + " failed in " + dir + ": " + output);
        }
    }
}
