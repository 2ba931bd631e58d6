package org.mailtrace.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotated logs compressed by gzip or bzip2 are recognised by their content and keep their plain original's identity. */
class CompressedLogsTest {
    private static final String LOG = "Nov 28 13:27:55 mail postfix/smtpd[17627]: connect from unknown[127.0.0.1]\n"
            + "Nov 28 13:27:55 mail postfix/smtpd[17627]: 4ABC123: client=unknown[127.0.0.1]\n"
            + "Nov 28 13:27:56 mail postfix/qmgr[17605]: 4ABC123: from=<a@example.test>, size=300, nrcpt=1 (queue active)\n";

    @TempDir
    Path dir;

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    static byte[] bzip2(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static List<String> lines(Path p, long offset, long line) throws IOException {
        List<String> out = new ArrayList<>();
        try (FileLineSource src = FileLineSource.open(p, offset, line, 64 * 1024)) {
            SourceLine l;
            while ((l = src.next()) != null) {
                out.add(l.text());
            }
        }
        return out;
    }

    @Test
    void compressionIsToldByMagicBytesNotByName() throws IOException {
        Path gzNamedPlain = Files.write(dir.resolve("mail.log.2"), gzip(LOG));
        Path bz2NamedGz = Files.write(dir.resolve("mail.log.3.gz"), bzip2(LOG));
        Path plainNamedBz2 = Files.writeString(dir.resolve("mail.log.4.bz2"), LOG);
        Path empty = Files.write(dir.resolve("mail.log.5"), new byte[0]);
        Path bzOnly = Files.writeString(dir.resolve("notes"), "BZh is how this line starts, then a letter\n");

        assertThat(Compression.of(gzNamedPlain)).isEqualTo(Compression.GZIP);
        assertThat(Compression.of(bz2NamedGz)).isEqualTo(Compression.BZIP2);
        assertThat(Compression.of(plainNamedBz2)).isEqualTo(Compression.NONE);
        assertThat(Compression.of(empty)).isEqualTo(Compression.NONE);
        assertThat(Compression.of(bzOnly)).as("BZh without a block-size digit is text").isEqualTo(Compression.NONE);
    }

    @Test
    void gzipAndBzip2ReadAsThePlainFileWithItsIdentity() throws IOException {
        Path plain = Files.writeString(dir.resolve("mail.log.1"), LOG);
        Path gz = Files.write(dir.resolve("mail.log.2.gz"), gzip(LOG));
        Path bz2 = Files.write(dir.resolve("mail.log.3.bz2"), bzip2(LOG));
        List<String> expected = List.of(LOG.split("\n"));

        assertThat(lines(gz, 0, 0)).isEqualTo(expected);
        assertThat(lines(bz2, 0, 0)).isEqualTo(expected);
        String identity;
        try (FileLineSource src = FileLineSource.open(plain, 0, 0, 1024)) {
            identity = src.identity();
        }
        assertThat(FileLineSource.sameContent(gz, identity)).isTrue();
        assertThat(FileLineSource.sameContent(bz2, identity)).isTrue();
    }

    @Test
    void aCompressedRotationResumesAfterTheSavedDecompressedOffset() throws IOException {
        Path bz2 = Files.write(dir.resolve("maillog-20261201.bz2"), bzip2(LOG));
        int firstLineBytes = LOG.indexOf('\n') + 1;
        assertThat(lines(bz2, firstLineBytes, 1)).containsExactly(LOG.split("\n")[1], LOG.split("\n")[2]);
    }

    @Test
    void concatenatedBzip2StreamsAreReadToTheEnd() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(bzip2("first\n"));
        both.write(bzip2("second\n"));
        Path p = Files.write(dir.resolve("maillog-20261130.bz2"), both.toByteArray());
        assertThat(lines(p, 0, 0)).containsExactly("first", "second");
    }

    @Test
    void aHalfWrittenCompressedFileHasNoIdentityInsteadOfFailing() throws IOException {
        byte[] full = bzip2(LOG);
        Path half = Files.write(dir.resolve("mail.log.2.bz2"), java.util.Arrays.copyOf(full, 12));
        assertThat(FileLineSource.identityOf(half, FileLineSource.FINGERPRINT_BYTES)).startsWith("file:0:");
    }
}
