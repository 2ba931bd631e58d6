package org.mailtrace.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHeadTest {
    @TempDir
    Path dir;

    @Test
    void matchesTheIdentitiesOfItsOwnContentAtEveryLengthAndNoOther() throws IOException {
        Path log = Files.writeString(dir.resolve("MSGTRK2026120310-1.LOG"), "#Software: Microsoft Exchange Server\r\n");
        String small = FileLineSource.identityOf(log, FileLineSource.FINGERPRINT_BYTES);
        Files.writeString(log, "x".repeat(2000), StandardOpenOption.APPEND);
        String grown = FileLineSource.identityOf(log, FileLineSource.FINGERPRINT_BYTES);
        Path other = Files.writeString(dir.resolve("MSGTRK2026120310-2.LOG"), "#Software: Microsoft Exchange Server\r\n"
                + "y".repeat(2000));
        String otherGrown = FileLineSource.identityOf(other, FileLineSource.FINGERPRINT_BYTES);

        ContentHead head = new ContentHead(log);
        assertThat(head.matches(small)).as("the identity it had while shorter").isTrue();
        assertThat(head.matches(grown)).isTrue();
        assertThat(head.matches(otherGrown)).isFalse();
        assertThat(new ContentHead(other).matches(small)).as("the same first bytes are the same content up to there").isTrue();
        assertThat(head.matches(null)).isFalse();
        assertThat(head.matches("stdin")).isFalse();
        assertThat(head.matches("file:x:abc")).isFalse();
    }

    @Test
    void aFileShorterThanTheIdentityNamesIsNotThatContent() throws IOException {
        Path log = Files.writeString(dir.resolve("mail.log"), "z".repeat(3000));
        String full = FileLineSource.identityOf(log, FileLineSource.FINGERPRINT_BYTES);
        Path cut = Files.writeString(dir.resolve("mail.log.cut"), "z".repeat(500));
        assertThat(new ContentHead(cut).matches(full)).isFalse();
    }
}
