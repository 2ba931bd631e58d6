package org.mailtrace.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A log file, plain, gzip- or bzip2-compressed (recognised by its magic bytes, not its name: see
 * {@link Compression}), readable from
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
     * Opens a file, skipping to {@code offset} (bytes of the decompressed stream for compressed files).
     *
     * @throws IOException with the path in its message when the file cannot be read
     */
    public static FileLineSource open(Path path, long offset, long lineNumber, int maxLineBytes) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            throw new IOException(path + ": is a directory; give log files");
        }
        Compression compression = Compression.of(path);
        String identity = identityOf(path, FINGERPRINT_BYTES);
        InputStream in = compression.decompress(Files.newInputStream(path));
        if (offset > 0) {
            try {
                skipFully(in, offset, path);
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        }
        long size = compression == Compression.NONE ? attrs.size() : -1;
        return new FileLineSource(path.toString(), identity, size, in, new LineReader(in, offset, lineNumber, maxLineBytes));
    }

    /**
     * The identity of a file: how many leading bytes were hashed and their hash. A file that was
     * shorter than {@link #FINGERPRINT_BYTES} when first read hashes fewer bytes; {@link #sameContent}
     * re-hashes that many, so a small file that grew is still recognised.
     */
    static String identityOf(Path path, int bytes) throws IOException {
        byte[] head = new byte[bytes];
        int n;
        Compression compression = Compression.of(path);
        InputStream raw = Files.newInputStream(path);
        try (InputStream in = compression.decompress(raw)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            if (compression == Compression.NONE) {
                throw e;
            }
            n = 0; // a broken, empty or half-written compressed file: no identity, read from the start
        } finally {
            raw.close();
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
        return new ContentHead(path).matches(savedIdentity);
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
