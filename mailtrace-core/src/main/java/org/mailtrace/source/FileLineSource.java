package org.mailtrace.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * A log file, plain or gzip-compressed (recognised by its magic bytes, not its name), readable from
 * a byte offset (of the decompressed content). Its identity is a fingerprint of its first decompressed
 * bytes, independent of its name: a rotated-and-replaced file gets a new identity, an appended or
 * renamed (mail.log -> mail.log.1) or compressed (mail.log.2.gz) one keeps it.
 */
public final class FileLineSource implements LineSource {
    /** Bytes hashed for the identity; enough to tell two logs apart (they start with different timestamps). */
    static final int FINGERPRINT_BYTES = 1024;

    private final String name;
    private final String identity;
    private final long size;
    private final InputStream in;
    private final LineReader reader;

    private FileLineSource(String name, String identity, long size, InputStream in, LineReader reader) {
        this.name = name;
        this.identity = identity;
        this.size = size;
        this.in = in;
        this.reader = reader;
    }

    /**
     * Opens a file, skipping to {@code offset} (bytes of the decompressed stream for gzip files).
     *
     * @throws IOException with the path in its message when the file cannot be read
     */
    public static FileLineSource open(Path path, long offset, long lineNumber, int maxLineBytes) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            throw new IOException(path + ": is a directory; give log files");
        }
        boolean gzip = isGzip(path);
        String identity = identityOf(path, FINGERPRINT_BYTES);
        InputStream raw = Files.newInputStream(path);
        InputStream in = gzip ? new GZIPInputStream(new BufferedInputStream(raw, 65536), 65536) : raw;
        if (offset > 0) {
            skipFully(in, offset, path);
        }
        long size = gzip ? -1 : attrs.size();
        return new FileLineSource(path.toString(), identity, size, in, new LineReader(in, offset, lineNumber, maxLineBytes));
    }

    static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * The identity of a file: how many leading bytes were hashed and their hash. A file that was
     * shorter than {@link #FINGERPRINT_BYTES} when first read hashes fewer bytes; {@link #sameContent}
     * re-hashes that many, so a small file that grew is still recognised.
     */
    static String identityOf(Path path, int bytes) throws IOException {
        byte[] head = new byte[bytes];
        int n;
        boolean gzip = isGzip(path);
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            n = in.readNBytes(head, 0, head.length);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            n = 0; // a broken or empty gzip file: no identity, read from the start
        }
        return identityOfHead(head, n);
    }

    /** The identity of content whose first {@code n} bytes are {@code head[0..n)}. */
    static String identityOfHead(byte[] head, int n) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(head, 0, n);
            return "file:" + n + ":" + HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** True when {@code path} still starts with the bytes that gave {@code savedIdentity}. */
    public static boolean sameContent(Path path, String savedIdentity) throws IOException {
        if (savedIdentity == null || !savedIdentity.startsWith("file:")) {
            return false;
        }
        String[] parts = savedIdentity.split(":");
        if (parts.length != 3) {
            return false;
        }
        int n;
        try {
            n = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (n == 0) {
            return false;
        }
        return identityOf(path, n).equals(savedIdentity);
    }

    private static void skipFully(InputStream in, long n, Path path) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException(path + ": shorter than the saved position " + n + "; was it truncated?");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public long sizeHint() {
        return size;
    }

    @Override
    public SourceLine next() throws IOException {
        return reader.next();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
