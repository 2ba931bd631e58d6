package org.mailtrace.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.mailtrace.json.TraceJson;
import org.mailtrace.server.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit log: {@code DIR/audit/audit.jsonl}, one JSON object per line, each line
 * forced to disk before the request that caused it is answered. Never rewritten or truncated by
 * mailtrace; rotate or archive it with the usual tools (copy, then the server keeps appending to
 * a new file after a restart).
 */
public final class AuditLog implements AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = TraceJson.mapper();

    private final Path file;
    private final Clock clock;
    private final FileChannel channel;
    private final Object syncLock = new Object();
    private long seq;
    /** Bytes appended, and bytes known to be on disk: concurrent appends share one fsync (group commit). */
    private volatile long written;
    private long synced;

    public AuditLog(Path auditDir, Clock clock) {
        this.file = auditDir.resolve("audit.jsonl");
        this.clock = clock;
        try {
            PrivateFiles.directories(auditDir);
            if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            this.seq = countLines(file);
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open the audit log: " + e.getMessage(), e);
        }
    }

    /**
     * Appends one entry and forces it to disk. A failure to write is an error for the request: an
     * action that cannot be audited must not happen silently.
     */
    @Override
    public AuditEntry append(String user, String remoteIp, AuditAction action, String outcome,
                             String target, Map<String, Object> filter, String auth) {
        AuditEntry e;
        long mine;
        try {
            synchronized (this) {
                e = new AuditEntry(seq + 1, clock.instant(), user, remoteIp, action.key(), outcome, target, filter, auth);
                ByteBuffer buf = ByteBuffer.wrap((JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    written += channel.write(buf);
                }
                seq = e.seq();
                mine = written;
            }
            synchronized (syncLock) {
                if (synced < mine) {
                    long upTo = written;
                    channel.force(false);
                    synced = upTo;
                }
            }
        } catch (IOException ex) {
            LOG.error("{}: cannot append audit entry {} {}", file, action.key(), user, ex);
            throw new UncheckedIOException(file + ": cannot append to the audit log", ex);
        }
        return e;
    }

    /**
     * Entries matching the filter, newest first: at most {@code limit + 1} (the extra one tells the caller that more exist) with {@code seq} below
     * {@code beforeSeq} (0 for the newest). Reads the file; fine for the sizes an audit log reaches
     * between rotations.
     */
    @Override
    public List<AuditEntry> read(Predicate<AuditEntry> filter, long beforeSeq, int limit) {
        List<AuditEntry> all = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                AuditEntry e = JSON.readValue(line, AuditEntry.class);
                if ((beforeSeq <= 0 || e.seq() < beforeSeq) && filter.test(e)) {
                    all.add(e);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(file + ": cannot read the audit log: " + ex.getMessage(), ex);
        }
        Collections.reverse(all);
        return all.size() > limit ? List.copyOf(all.subList(0, limit + 1)) : all;
    }

    public Path file() {
        return file;
    }

    private static long countLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("{}: closing the audit log failed", file, e);
        }
    }
}
