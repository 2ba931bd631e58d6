package org.mailtrace.source.syslog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds the server {@link SSLContext} of a TLS listener from the PEM files every mail server
 * already has (the ones Postfix's {@code smtpd_tls_cert_file}/{@code smtpd_tls_key_file} point at),
 * with JDK classes only: no keystore file to create, no extra library.
 *
 * <p>The certificate file holds the server certificate first, then any intermediates. The key file
 * holds a PKCS#8 key ({@code BEGIN PRIVATE KEY}: RSA, EC or Ed25519) or a PKCS#1 RSA key
 * ({@code BEGIN RSA PRIVATE KEY}); other shapes get an error naming the openssl command that converts them.
 * Only TLS 1.2 and 1.3 are offered.
 */
public final class TlsServerContext {
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final String CONVERT = "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8";

    private TlsServerContext() {
    }

    /**
     * The context for {@code certFile} and {@code keyFile}.
     *
     * @throws IOException when a file cannot be read, or (with the file name and the fix) when its
     *                     content is not a usable certificate chain or key, or they do not belong together
     */
    public static SSLContext fromPem(Path certFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        checkPair(chain.get(0), key, certFile, keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("syslog", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(certFile + ", " + keyFile + ": cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    /** TLS 1.3 and 1.2 among {@code supported}: never SSLv3, TLS 1.0 or 1.1. */
    static String[] protocolsOf(String[] supported) {
        return Arrays.stream(supported).filter(PROTOCOLS::contains).toArray(String[]::new);
    }

    private static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemFiles.Block block : PemFiles.blocks(read(file), file.toString())) {
                if (block.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": not a PEM certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(file + ": no '-----BEGIN CERTIFICATE-----' block; --tls-cert wants the PEM certificate (chain)");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        List<PemFiles.Block> blocks;
        try {
            blocks = PemFiles.blocks(read(file), file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (PemFiles.Block block : blocks) {
            switch (block.label()) {
                case "PRIVATE KEY":
                    return pkcs8(block.der(), file);
                case "RSA PRIVATE KEY":
                    return pkcs8(PemFiles.pkcs1ToPkcs8(block.der()), file);
                case "EC PRIVATE KEY":
                    throw new IOException(file + ": an EC key in the OpenSSL legacy format; " + CONVERT);
                case "ENCRYPTED PRIVATE KEY":
                    throw new IOException(file + ": the key is encrypted; mailtrace needs it unencrypted, " + CONVERT);
                default:
                    // a certificate in the same file, parameters: keep looking
            }
        }
        throw new IOException(file + ": no '-----BEGIN PRIVATE KEY-----' block; --tls-key wants a PEM private key");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": a private key of an algorithm this JDK cannot read (RSA, EC and Ed25519 work); " + CONVERT);
    }

    /** Signs with the key and verifies with the certificate, so a mismatched pair fails here, not at the first handshake. */
    private static void checkPair(X509Certificate cert, PrivateKey key, Path certFile, Path keyFile) throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] probe = "mailtrace".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(keyFile + " does not belong to the first certificate in " + certFile + ": " + e.getMessage(), e);
        }
        throw new IOException(keyFile + " does not belong to the first certificate in " + certFile
                + " (the server certificate must come first, intermediates after it)");
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    }
}
