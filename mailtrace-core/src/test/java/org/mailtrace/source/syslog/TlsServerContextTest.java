package org.mailtrace.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsServerContextTest {
    @TempDir
    Path dir;

    @Test
    void buildsAContextFromAPkcs8RsaKey() throws Exception {
        TestCertificates.selfSigned(dir);

        assertThat(TlsServerContext.fromPem(dir.resolve("cert.pem"), dir.resolve("key.pem")).getProtocol()).isEqualTo("TLS");
    }

    @Test
    void convertsAPkcs1RsaKeyWithoutExtraLibraries() throws Exception {
        TestCertificates.selfSigned(dir);
        TestCertificates.openssl(dir, "rsa", "-in", "key.pem", "-traditional", "-out", "rsa.pem");
        assertThat(Files.readString(dir.resolve("rsa.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThat(TlsServerContext.fromPem(dir.resolve("cert.pem"), dir.resolve("rsa.pem"))).isNotNull();
    }

    @Test
    void readsAnEcKeyInPkcs8AndExplainsTheConversionOfTheLegacyFormat() throws Exception {
        TestCertificates.openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout", "ec.pem", "-out", "ec-cert.pem");
        TestCertificates.openssl(dir, "ec", "-in", "ec.pem", "-out", "ec-legacy.pem");

        assertThat(TlsServerContext.fromPem(dir.resolve("ec-cert.pem"), dir.resolve("ec.pem"))).isNotNull();
        assertThatThrownBy(() -> TlsServerContext.fromPem(dir.resolve("ec-cert.pem"), dir.resolve("ec-legacy.pem")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ec-legacy.pem")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void rejectsAKeyThatDoesNotBelongToTheCertificate() throws Exception {
        TestCertificates.selfSigned(dir);
        TestCertificates.openssl(dir, "genpkey", "-algorithm", "RSA", "-out", "other.pem");

        assertThatThrownBy(() -> TlsServerContext.fromPem(dir.resolve("cert.pem"), dir.resolve("other.pem")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("other.pem does not belong to the first certificate in");
    }

    @Test
    void namesTheFileThatHoldsNoCertificate() throws Exception {
        TestCertificates.selfSigned(dir);

        assertThatThrownBy(() -> TlsServerContext.fromPem(dir.resolve("key.pem"), dir.resolve("key.pem")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir.resolve("key.pem") + ": no '-----BEGIN CERTIFICATE-----' block");
    }

    @Test
    void refusesAnEncryptedKeyWithTheFix() throws Exception {
        TestCertificates.selfSigned(dir);
        TestCertificates.openssl(dir, "pkcs8", "-topk8", "-in", "key.pem", "-out", "enc.pem", "-passout", "pass:secret");

        assertThatThrownBy(() -> TlsServerContext.fromPem(dir.resolve("cert.pem"), dir.resolve("enc.pem")))
                .hasMessageContaining("the key is encrypted")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void offersOnlyTls12And13() {
        assertThat(TlsServerContext.protocolsOf(new String[] {"SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"}))
                .containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
    }
}
