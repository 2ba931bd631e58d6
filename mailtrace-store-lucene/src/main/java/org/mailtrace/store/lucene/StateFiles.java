package org.mailtrace.store.lucene;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.mailtrace.store.SavedState;

/**
 * The correlator state of each checkpoint, kept beside the index as {@code <data>/state/<generation>.json.gz}
 * rather than in it: a stored field holding it was copied whole on every commit and again on every
 * merge, and ran a 1 GB heap out of memory at a million messages a day.
 *
 * <p>Atomic with the traces because the file is written and fsync'd before the Lucene commit whose
 * checkpoint document names it, and older generations are deleted only after that commit succeeded:
 * a crash at any point leaves the last commit naming a complete file. Files no commit names (a crash
 * between the two steps) are deleted by the next successful commit.
 */
final class StateFiles {
    private static final Pattern NAME = Pattern.compile("(\\d+)\\.json\\.gz");
    private static final int BUFFER = 1 << 16;

    private final Path dir;
    private long nextGeneration = -1;

    StateFiles(Path dataDir) {
        this.dir = dataDir.resolve("state");
    }

    /** Writes the state as a new generation and makes it durable; returns the file name to record in the commit. */
    String write(SavedState state) throws IOException {
        Files.createDirectories(dir);
        String name = nextGeneration() + ".json.gz";
        Path file = dir.resolve(name);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream raw = Channels.newOutputStream(channel);
            // Fastest deflate level: the state is rewritten at every commit, so CPU matters more than bytes.
            GZIPOutputStream gzip = new GZIPOutputStream(raw, BUFFER) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            OutputStream out = new BufferedOutputStream(gzip, BUFFER);
            state.writeTo(out);
            out.flush();
            gzip.finish();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        syncDirectory();
        return name;
    }

    /** The state saved under this name; reading fails if a later commit of a writer has deleted it meanwhile. */
    SavedState read(String name) {
        Path file = dir.resolve(name);
        return new SavedState() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = open()) {
                    in.transferTo(out);
                }
            }

            @Override
            public InputStream open() throws IOException {
                try {
                    return new GZIPInputStream(Files.newInputStream(file), BUFFER);
                } catch (NoSuchFileException e) {
                    throw new NoSuchFileException(file.toString(), null,
                            "correlator state named by the last commit is missing (a newer commit replaced it?)");
                }
            }
        };
    }

    /**
     * Deletes the generations older than {@code keep}: with commits finishing in the background, a
     * newer generation may already be written for the next commit and must stay.
     */
    void deleteOlderThan(String keep) {
        long kept = generationOf(keep);
        if (kept < 0 || !Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json.gz")) {
            for (Path f : files) {
                long g = generationOf(f.getFileName().toString());
                if (g >= 0 && g < kept) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // Harmless: an unreferenced generation only costs disk until the next commit removes it.
        }
    }

    private static long generationOf(String name) {
        Matcher m = name == null ? null : NAME.matcher(name);
        return m != null && m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            // Unreferenced: removed by the next successful commit.
        }
    }

    private long nextGeneration() throws IOException {
        if (nextGeneration < 0) {
            long max = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json.gz")) {
                for (Path f : files) {
                    Matcher m = NAME.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        max = Math.max(max, Long.parseLong(m.group(1)));
                    }
                }
            }
            nextGeneration = max + 1;
        }
        return nextGeneration++;
    }

    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for sync; the file itself is already forced.
        }
    }
}
