package org.mailtrace.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A log file the mail server appends to while the suite runs. A case's slice is the byte range
 * written while it ran: the offset before it started up to the offset once it settled.
 */
final class GrowingLog {

    private final Path file;

    GrowingLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The current size in bytes (0 while the file does not exist yet). */
    long offset() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot stat", e);
        }
    }

    /** The bytes in [{@code from}, {@code to}) as text ("" while the file does not exist yet). */
    String slice(long from, long to) {
        if (!Files.exists(file)) {
            return "";
        }
        try {
            byte[] all = Files.readAllBytes(file);
            int end = (int) Math.min(to, all.length);
            return new String(all, (int) from, Math.max(0, end - (int) from), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
    }
}
