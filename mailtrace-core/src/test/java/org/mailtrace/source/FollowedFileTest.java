package org.mailtrace.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowedFileTest {
    @TempDir
    Path dir;

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> drain(FollowedFile f) throws IOException {
        List<String> out = new ArrayList<>();
        SourceLine l;
        while ((l = f.next()) != null) {
            out.add(l.text());
        }
        return out;
    }

    @Test
    void holdsBackALineUntilItsNewlineArrives() throws IOException {
        Path log = dir.resolve("mail.log");
        append(log, "one\ntw");
        try (FollowedFile f = FollowedFile.open(log, 0, 0, 1 << 20)) {
            assertThat(drain(f)).containsExactly("one");
            assertThat(f.offset()).isEqualTo(4);
            append(log, "o\nthree\n");
            assertThat(drain(f)).containsExactly("two", "three");
            assertThat(f.offset()).isEqualTo(Files.size(log));
            assertThat(f.lineNumber()).isEqualTo(3);
            assertThat(f.pathState()).isEqualTo(FollowedFile.PathState.SAME);
        }
    }

    @Test
    void lineReaderInCompleteLinesModeDoesNotCountAPartialLastLine() throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream("a\nb".getBytes(StandardCharsets.UTF_8)), 0, 0, 100, true);
        assertThat(r.next().text()).isEqualTo("a");
        assertThat(r.next()).isNull();
        assertThat(r.offset()).isEqualTo(2);
        LineReader plain = new LineReader(new ByteArrayInputStream("a\nb".getBytes(StandardCharsets.UTF_8)), 0, 0, 100);
        plain.next();
        assertThat(plain.next().text()).as("default mode still returns a truncated log's last line").isEqualTo("b");
    }

    @Test
    void seesRenameAndCreateAndStillReadsTheRenamedFileToItsEnd() throws IOException {
        Path log = dir.resolve("mail.log");
        append(log, "first\n");
        try (FollowedFile f = FollowedFile.open(log, 0, 0, 1 << 20)) {
            assertThat(drain(f)).containsExactly("first");
            String identity = f.identity();
            Path rotated = dir.resolve("mail.log.1");
            Files.move(log, rotated);
            assertThat(f.pathState()).isEqualTo(FollowedFile.PathState.GONE);
            append(rotated, "written before the daemon reopened\nlast without newline");
            append(log, "new file\n");
            assertThat(f.pathState()).isEqualTo(FollowedFile.PathState.REPLACED);
            assertThat(drain(f)).containsExactly("written before the daemon reopened");
            assertThat(f.nextIncludingPartial().text()).isEqualTo("last without newline");
            assertThat(FileLineSource.sameContent(rotated, identity)).as("the renamed file keeps its identity").isTrue();
            assertThat(FileLineSource.sameContent(log, identity)).isFalse();
        }
    }

    @Test
    void seesCopytruncateWhenTheFileIsShorterThanWhatWasRead() throws IOException {
        Path log = dir.resolve("mail.log");
        append(log, "a long first line of the old content\nsecond\n");
        try (FollowedFile f = FollowedFile.open(log, 0, 0, 1 << 20)) {
            drain(f);
            String oldIdentity = f.identity();
            Files.copy(log, dir.resolve("mail.log.1"));
            try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
                c.truncate(0);
            }
            append(log, "new\n");
            assertThat(f.pathState()).isEqualTo(FollowedFile.PathState.TRUNCATED);
            f.restartFromTop();
            assertThat(drain(f)).containsExactly("new");
            assertThat(f.identity()).isNotEqualTo(oldIdentity);
            assertThat(FileLineSource.sameContent(dir.resolve("mail.log.1"), oldIdentity)).isTrue();
        }
    }

    @Test
    void seesCopytruncateEvenWhenNewContentGrewPastTheOldOffset() throws IOException {
        Path log = dir.resolve("mail.log");
        append(log, "old 1\nold 2\n");
        try (FollowedFile f = FollowedFile.open(log, 0, 0, 1 << 20)) {
            drain(f);
            f.identity();
            try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
                c.truncate(0);
            }
            append(log, "new content that is longer than the old one\n");
            assertThat(f.pathState()).isEqualTo(FollowedFile.PathState.TRUNCATED);
        }
    }

    @Test
    void identityGrowsWithASmallFileAndStaysRecognisable() throws IOException {
        Path log = dir.resolve("mail.log");
        append(log, "x\n");
        try (FollowedFile f = FollowedFile.open(log, 0, 0, 1 << 20)) {
            String small = f.identity();
            append(log, "y".repeat(3000) + "\n");
            String grown = f.identity();
            assertThat(grown).isNotEqualTo(small).startsWith("file:" + FileLineSource.FINGERPRINT_BYTES + ":");
            assertThat(FileLineSource.sameContent(log, small)).isTrue();
            assertThat(FileLineSource.sameContent(log, grown)).isTrue();
        }
    }

    @Test
    void refusesCompressedFilesAndPositionsBeyondTheEnd() throws IOException {
        Path gz = dir.resolve("mail.log.2.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> FollowedFile.open(gz, 0, 0, 100)).hasMessageContaining("mail.log.2.gz: is compressed");
        Path log = dir.resolve("mail.log");
        append(log, "a\n");
        assertThatThrownBy(() -> FollowedFile.open(log, 99, 5, 100)).hasMessageContaining("shorter than the saved position 99");
    }
}
