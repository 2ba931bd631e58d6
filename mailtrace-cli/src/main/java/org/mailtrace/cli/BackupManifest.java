package org.mailtrace.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailtrace.store.SourcePosition;

/**
 * What a backup file holds, stored in it as {@link #NAME}: the format of the backup file itself, who
 * made it and when, the store's format and commit, the ingest positions that commit had reached, and
 * every data file with its size and SHA-256, so a restore can refuse what it cannot read and verify
 * every byte before it puts anything in place.
 *
 * @param backupFormat  the layout of the backup file; 1: a zip of {@code data/<path>} entries plus this manifest
 * @param storeFormat   the Lucene store's format ({@code CommitCopy.STORE_FORMAT} of the writer)
 * @param storeCommit   the generation of the copied commit ({@code segments_N}); 0 when the store was empty
 * @param checkpoint    the ingest positions of that commit: the store holds every line before them
 */
record BackupManifest(int backupFormat, String mailtraceVersion, Instant created, String source, int storeFormat,
                      long storeCommit, Map<String, SourcePosition> checkpoint, List<Entry> files) {
    /** The backup file layout this build writes and the newest it restores. */
    static final int FORMAT = 1;
    /** The manifest's entry name in the zip. */
    static final String NAME = "mailtrace-backup.json";
    /** The prefix of every data file's entry name. */
    static final String DATA = "data/";

    /** One data file: its path relative to the data directory ({@code /}-separated), size and SHA-256 (hex). */
    record Entry(String path, long size, String sha256) {
    }

    long totalBytes() {
        return files.stream().mapToLong(Entry::size).sum();
    }

    /** What backup and restore report about the backup under {@code --output json}, in this order. */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files.size());
        m.put("dataBytes", totalBytes());
        m.put("created", created.toString());
        m.put("mailtraceVersion", mailtraceVersion);
        m.put("storeFormat", storeFormat);
        m.put("storeCommit", storeCommit);
        m.put("checkpoint", checkpoint);
        return m;
    }
}
