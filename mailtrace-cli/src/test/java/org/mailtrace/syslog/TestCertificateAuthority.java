package org.mailtrace.syslog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mailtrace.source.syslog.TestCertificates;

/**
 * A throw-away certificate authority and a server certificate it signed, made with openssl in one
 * directory. A CA-signed certificate is what a mail server's syslog-ng normally checks against; with
 * it syslog-ng also checks the certificate's name (it does not when {@code ca-file} holds a
 * self-signed certificate itself). Skips the test when openssl is missing.
 */
record TestCertificateAuthority(Path caCert, Path serverCert, Path serverKey) {

    /** {@code ca.pem} (CN mailtrace-test-ca) and {@code server.pem}/{@code server.key} (PKCS#8) for {@code serverName}. */
    static TestCertificateAuthority create(Path dir, String serverName) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCertificates.openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=mailtrace-test-ca", "-keyout", "ca.key", "-out", "ca.pem");
        TestCertificates.openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + serverName,
                "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:" + serverName + "\n");
        TestCertificates.openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.pem");
        return new TestCertificateAuthority(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"));
    }
}
