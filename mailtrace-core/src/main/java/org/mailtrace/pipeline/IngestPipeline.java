package org.mailtrace.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailtrace.correlate.Correlator;
import org.mailtrace.correlate.TraceChanges;
import org.mailtrace.format.LineFormat;
import org.mailtrace.format.ParseResult;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.source.FileLineSource;
import org.mailtrace.source.LineSource;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.SourceLine;
import org.mailtrace.source.StreamLineSource;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.SourcePosition;
import org.mailtrace.store.TraceStore;

/**
 * Source -> framing -> format -> correlator -> store, for files and standard input.
 *
 * <p>Resuming: the position of each file (keyed by its content identity, not its name, so a renamed
 * or compressed rotation is recognised) and the correlator's open-message state are committed in
 * the same store commit as the traces they produced. A new run restores both and continues after
 * the last committed line, so re-running the same command adds nothing twice and a crash between
 * commits loses nothing: the uncommitted lines are simply read again.
 */
public final class IngestPipeline {
    private final TraceStore store;
    private final LineFormat format;
    private final IngestSettings settings;
    private final ProgressListener progress;
    private final Clock clock;
    private final InputStream stdin;

    private Correlator correlator;
    private final Map<String, SourcePosition> positions = new HashMap<>();
    private final IngestStats stats = new IngestStats();
    private Instant newestLine;
    private long sinceCommit;

    public IngestPipeline(TraceStore store, LineFormat format, IngestSettings settings, ProgressListener progress,
                          Clock clock, InputStream stdin) {
        this.store = store;
        this.format = format;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
        this.stdin = stdin;
    }

    /**
     * Reads every input in order ({@code -} is standard input) and commits the result.
     *
     * @throws IOException when an input cannot be opened or read; what was committed before stays
     */
    public IngestStats run(List<String> inputs) throws IOException {
        IngestCheckpoint checkpoint = store.checkpoint();
        positions.putAll(checkpoint.positions());
        if (checkpoint.correlatorState() == null) {
            correlator = new Correlator(settings.correlation());
        } else {
            try (InputStream saved = checkpoint.correlatorState().open()) {
                correlator = Correlator.restore(settings.correlation(), saved);
            }
        }
        for (String input : inputs) {
            if (input.equals("-")) {
                try (LineSource src = new StreamLineSource("-", stdin, settings.maxLineBytes())) {
                    stats.sourceNotes.put("-", "standard input: read in full (not resumable)");
                    read(src, null, YearResolverFactory.forStream(settings, clock));
                }
            } else {
                ingestFile(Path.of(input));
            }
        }
        commit(null);
        purgeOld();
        return stats;
    }

    private void ingestFile(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path + ": no such file; check the path (Debian/Ubuntu Postfix logs to /var/log/mail.log)");
        }
        SourcePosition saved = findSaved(path);
        long offset = 0;
        long line = 0;
        String identity = null;
        if (saved != null) {
            offset = saved.offset();
            line = saved.lineNumber();
            identity = saved.identity();
            positions.remove(saved.identity());
        }
        try (FileLineSource src = FileLineSource.open(path, offset, line, settings.maxLineBytes())) {
            String id = identity != null ? identity : src.identity();
            if (saved == null) {
                stats.sourceNotes.put(path.toString(), "read from the start");
            } else if (src.sizeHint() >= 0 && offset >= src.sizeHint()) {
                stats.sourceNotes.put(path.toString(), "already ingested up to line " + line + "; nothing new");
            } else {
                stats.sourceNotes.put(path.toString(), "resumed after line " + line + " (ingested before as " + saved.source() + ")");
            }
            read(src, id, YearResolverFactory.forFile(settings, path));
        }
    }

    /** The saved position whose identity matches this file's content, preferring the same name. */
    private SourcePosition findSaved(Path path) throws IOException {
        SourcePosition match = null;
        for (SourcePosition p : positions.values()) {
            if (FileLineSource.sameContent(path, p.identity())) {
                if (match == null || p.source().equals(path.toString())) {
                    match = p;
                }
            }
        }
        return match;
    }

    private void read(LineSource src, String identity, org.mailtrace.source.YearResolver years) throws IOException {
        LineInterpreter interpreter = new LineInterpreter(format, settings.zone(), years, stats, settings.maxLineBytes());
        SourceLine line;
        long lastProgress = 0;
        long bytesDone = 0;
        while ((line = src.next()) != null) {
            stats.read++;
            bytesDone = line.endOffset();
            RawLine raw = interpreter.frame(src.name(), line);
            if (raw != null) {
                if (newestLine == null || raw.time().isAfter(newestLine)) {
                    newestLine = raw.time();
                }
                ParseResult result = interpreter.parse(raw, line);
                if (result instanceof ParseResult.Parsed parsed) {
                    correlator.accept(parsed.event());
                }
            }
            if (identity != null) {
                positions.put(identity, new SourcePosition(src.name(), identity, line.endOffset(), line.lineNumber()));
            }
            if (++sinceCommit >= settings.commitEveryLines()) {
                drainOrCommit(newestLine);
            }
            if ((stats.read & 0x3fff) == 0 && stats.read - lastProgress >= 16384) {
                lastProgress = stats.read;
                progress.progress(src.name(), bytesDone, src.sizeHint(), stats.read);
            }
        }
        stats.bytes += bytesDone;
        progress.progress(src.name(), bytesDone, src.sizeHint(), stats.read);
        commit(newestLine);
    }

    // --- commit cadence (perf branch): drain every commitEveryLines, commit durably at most every
    // DURABLE_COMMIT_INTERVAL of wall time. Drain points stay line-based, so results do not depend
    // on which of them became commits; each commit writes the whole correlator state, hence rarely.
    static final long DURABLE_COMMIT_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    private long lastDurableCommit = System.nanoTime();

    private void drainOrCommit(Instant logNow) {
        if (System.nanoTime() - lastDurableCommit >= DURABLE_COMMIT_INTERVAL_NANOS) {
            commit(logNow);
            return;
        }
        TraceChanges changes = drain(logNow);
        store.stage(changes.upserted(), changes.deleted());
    }

    private void commit(Instant logNow) {
        TraceChanges changes = drain(logNow);
        store.commit(changes.upserted(), changes.deleted(), new IngestCheckpoint(positions, correlator::writeSnapshot));
        lastDurableCommit = System.nanoTime();
    }

    private TraceChanges drain(Instant logNow) {
        if (logNow != null) {
            correlator.closeIdle(logNow);
        }
        TraceChanges changes = correlator.drainChanges();
        for (MessageTrace t : changes.upserted()) {
            stats.written(t.messageTraceId(), Math.max(1, t.recipients().size()));
        }
        for (String id : changes.deleted()) {
            stats.deleted(id);
        }
        sinceCommit = 0;
        return changes;
    }

    private void purgeOld() {
        if (settings.retention() == null || settings.retention().isZero() || newestLine == null) {
            return;
        }
        Instant now = clock.instant();
        Instant reference = newestLine.isBefore(now) ? newestLine : now;
        stats.tracesPurged = store.deleteReceivedBefore(reference.minus(settings.retention()));
    }
}
