package org.mailtrace.server.savedquery;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.mailtrace.json.TraceJson;
import org.mailtrace.server.PrivateFiles;

/**
 * Small JSON state files written so a crash leaves the old or the new content, never half of
 * either: a temporary file beside the target (mode 600, its directory 700), fsync, atomic rename.
 */
public final class JsonFiles {
    private JsonFiles() {
    }

    public static void write(Path file, Object value) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            PrivateFiles.directories(file.getParent());
            PrivateFiles.newFile(tmp);
            Files.write(tmp, TraceJson.mapper().writeValueAsBytes(value), StandardOpenOption.TRUNCATE_EXISTING);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** The file's content, or {@code absent} when there is no file. */
    public static <T> T read(Path file, TypeReference<T> type, T absent) {
        if (!Files.isRegularFile(file)) {
            return absent;
        }
        try {
            return TraceJson.mapper().readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (fix or remove the file): " + e.getMessage(), e);
        }
    }
}
