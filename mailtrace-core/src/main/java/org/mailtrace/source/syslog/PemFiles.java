package org.mailtrace.source.syslog;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The PEM blocks of a file ({@code -----BEGIN LABEL----- base64 -----END LABEL-----}); text outside
 * blocks (openssl's "Bag Attributes", comments) is ignored, as openssl does.
 */
final class PemFiles {

    /** One decoded block. */
    record Block(String label, byte[] der) {
    }

    private PemFiles() {
    }

    /** Every block in {@code text}, in order. */
    static List<Block> blocks(String text, String fileName) {
        List<Block> blocks = new ArrayList<>();
        int p = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", p);
            if (begin < 0) {
                return blocks;
            }
            int labelEnd = text.indexOf("-----", begin + 11);
            if (labelEnd < 0) {
                throw new IllegalArgumentException(fileName + ": broken PEM header at character " + begin);
            }
            String label = text.substring(begin + 11, labelEnd);
            String footer = "-----END " + label + "-----";
            int end = text.indexOf(footer, labelEnd);
            if (end < 0) {
                throw new IllegalArgumentException(fileName + ": no '" + footer + "' after its BEGIN line");
            }
            String body = text.substring(labelEnd + 5, end);
            if (body.contains(":")) {
                throw new IllegalArgumentException(fileName + ": the " + label
                        + " block has headers (an encrypted legacy key?); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
            }
            try {
                blocks.add(new Block(label, Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(fileName + ": the " + label + " block is not valid base64");
            }
            p = end + footer.length();
        }
    }

    /**
     * Wraps a PKCS#1 {@code RSAPrivateKey} in the PKCS#8 {@code PrivateKeyInfo} the JDK's KeyFactory
     * reads: {@code SEQUENCE { INTEGER 0, SEQUENCE { OID rsaEncryption, NULL }, OCTET STRING pkcs1 }}.
     */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00};
        byte[] key = derElement(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(rsaAlgorithm);
        body.writeBytes(key);
        return derElement(0x30, body.toByteArray());
    }

    private static byte[] derElement(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((n >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
