package org.mailtrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mailtrace.server.PrivateFiles;
import org.mailtrace.store.lucene.CommitCopy;

/**
 * A consistent copy of a data directory that {@code serve} or {@code ingest} may be writing: the base
 * of a backup. Consistent file by file, in this order:
 *
 * <ol>
 * <li>the store: the last commit and the correlator state it names ({@link CommitCopy}), so positions,
 *     state and traces agree;</li>
 * <li>every other file except temporary ones ({@code *.tmp}, {@code *.part}, locks): accounts,
 *     saved and recent queries and report metadata are replaced by an atomic rename, so any copy is
 *     one whole version; report CSVs are copied after all metadata, so no report that the copy
 *     calls finished lacks its CSV; append-only logs ({@code *.jsonl}, the audit log) are cut after
 *     their last complete line.</li>
 * </ol>
 * Everything else is at least as new as the store's commit; a restored data directory resumes ingest
 * from that commit's positions, so the lines after it are read again from the logs.
 */
final class DataSnapshot {
    private DataSnapshot() {
    }

    /** What was copied: the store's commit, and the other files (relative, {@code /}-separated). */
    record Copied(CommitCopy.Copied store, List<String> others) {
        List<String> all() {
            List<String> all = new ArrayList<>(store.files());
            all.addAll(others);
            return all;
        }
    }

    /** Copies {@code data} into {@code staging} (a new, empty directory). */
    static Copied take(Path data, Path staging) throws IOException {
        CommitCopy.Copied store = CommitCopy.copyLastCommit(data, staging);
        List<Path> later = new ArrayList<>();
        List<String> others = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path f : walk.sorted().toList()) {
                String rel = relative(data, f);
                if (!Files.isRegularFile(f) || skipped(rel)) {
                    continue;
                }
                if (rel.endsWith(".csv")) {
                    later.add(f);
                } else if (copy(data, f, staging)) {
                    others.add(rel);
                }
            }
        }
        for (Path f : later) {
            if (copy(data, f, staging)) {
                others.add(relative(data, f));
            }
        }
        return new Copied(store, others);
    }

    /** The store's own directories are copied by {@link CommitCopy}; temporary files are half-written by definition. */
    static boolean skipped(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        return rel.startsWith("index/") || rel.startsWith("state/") || name.endsWith(".tmp") || name.endsWith(".part")
                || name.endsWith(".lock") || name.startsWith(".");
    }

    /** Copies one file; false if it vanished meanwhile (a report removed by retention: not part of the snapshot). */
    private static boolean copy(Path data, Path f, Path staging) throws IOException {
        Path to = staging.resolve(relative(data, f));
        PrivateFiles.directories(to.getParent());
        try {
            if (f.getFileName().toString().endsWith(".jsonl")) {
                copyCompleteLines(f, to);
            } else {
                try (InputStream in = Files.newInputStream(f); OutputStream out = Files.newOutputStream(PrivateFiles.newFile(to))) {
                    in.transferTo(out);
                }
            }
            return true;
        } catch (NoSuchFileException e) {
            Files.deleteIfExists(to);
            return false;
        }
    }

    /** An appended log up to and including its last newline: a line being written is the next backup's. */
    private static void copyCompleteLines(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
            long size = in.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                in.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            try (FileChannel out = FileChannel.open(PrivateFiles.newFile(to), StandardOpenOption.WRITE)) {
                long done = 0;
                while (done < end) {
                    done += in.transferTo(done, end - done, out);
                }
            }
        }
    }

    static String relative(Path base, Path f) {
        return base.relativize(f).toString().replace(java.io.File.separatorChar, '/');
    }
}
