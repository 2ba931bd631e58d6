package org.mailtrace.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * How a log file is compressed, told by its first bytes rather than its name: logrotate's
 * {@code compressext} and hand-made copies do not always say what is inside. gzip is Debian's
 * logrotate default; bzip2 is common where {@code compresscmd /usr/bin/bzip2} is set (RHEL-like
 * systems). Both decompressors read concatenated streams (pigz, pbzip2 and {@code cat a.gz b.gz}).
 */
public enum Compression {
    NONE,
    /** Magic {@code 1f 8b}. */
    GZIP,
    /** Magic {@code BZh} and a block size digit {@code 1}-{@code 9}. */
    BZIP2;

    /** The compression of the file at {@code path}; an empty or short file is {@link #NONE}. */
    public static Compression of(Path path) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return ofHead(head, n);
    }

    /** The compression whose magic starts {@code head[0..n)}. */
    static Compression ofHead(byte[] head, int n) {
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (n >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1' && head[3] <= '9') {
            return BZIP2;
        }
        return NONE;
    }

    /** The decompressed content of {@code raw} (which this takes over: closing the result closes it). */
    public InputStream decompress(InputStream raw) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> new GZIPInputStream(new BufferedInputStream(raw, 65536), 65536);
            case BZIP2 -> new BZip2CompressorInputStream(new BufferedInputStream(raw, 65536), true);
        };
    }
}
