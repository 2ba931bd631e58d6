package org.mailtrace.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import org.mailtrace.source.FileLineSource;
import org.mailtrace.source.FollowedFile;
import org.mailtrace.source.SourceLine;
import org.mailtrace.store.SourcePosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one live log path through appends and rotations, feeding its lines to the pipeline, until
 * the pipeline is stopped.
 *
 * <ul>
 *   <li>Rename-and-create (logrotate {@code create}): the path names a new file. The renamed file is
 *       still read until one poll finds nothing new in it (the syslog daemon writes to it until it
 *       reopens its log), at most for {@link FollowSettings#rotationGrace()} while it keeps growing,
 *       then to its very end including a last line without newline; then the new file is read from
 *       its start, or from its saved position if its content was read before. Lines the daemon writes
 *       to the renamed file after that are not read live (as with {@code tail -F}); a restart naming
 *       the rotated file reads them.</li>
 *   <li>Copytruncate: the same file became shorter than our offset, or its first bytes changed. The
 *       part up to our offset was read; the new content is read from offset 0. Lines the MTA wrote
 *       after our last poll and before the truncation exist only in the copy ({@code mail.log.1}):
 *       they are read when ingest is next started with the copy named before the live file, since
 *       the copy keeps the old content's identity and position. Lines written between logrotate's
 *       copy and its truncate are lost by copytruncate itself.</li>
 *   <li>Between rename and create the path may be missing: the loop keeps reading the open file and waits.</li>
 * </ul>
 * The position recorded for the old content stays in the checkpoint, so a restart given the rotated
 * file by its new name recognises it and never reads it twice.
 */
final class FollowLoop {
    private static final Logger LOG = LoggerFactory.getLogger(FollowLoop.class);

    private final IngestPipeline pipeline;
    private final Path path;
    private final FollowSettings settings;
    private FollowedFile file;
    private LineInterpreter interpreter;
    private String identity;
    private long replacedSeenNanos = -1;
    /** End offset of the last line consumed, for counting bytes. */
    private long lastEnd;

    FollowLoop(IngestPipeline pipeline, Path path, FollowSettings settings) {
        this.pipeline = pipeline;
        this.path = path;
        this.settings = settings;
    }

    void run() throws IOException {
        open();
        LOG.info("{}: following from line {} (polling every {} ms when idle)", path, file.lineNumber(),
                settings.pollInterval().toMillis());
        try {
            while (!pipeline.stopRequested()) {
                if (!step() && !pipeline.commitIfDue(settings.quietCommitGap())) {
                    pipeline.pause(settings.pollInterval().toMillis());
                }
            }
        } finally {
            close();
        }
    }

    /**
     * One look at the file: handles a truncation or rotation, then reads what is there (up to the
     * file's end or the next commit). Never blocks; true when it made progress, so a caller following
     * several sources knows whether to pause.
     */
    boolean step() throws IOException {
        // Checked before every batch, so a truncation is seen before bytes of the new content are
        // read from the old offset (a batch ends at the file's end or after a commit).
        FollowedFile.PathState state = file.pathState();
        if (state == FollowedFile.PathState.TRUNCATED) {
            restartAfterTruncation();
            return true;
        }
        boolean seenBefore = replacedSeenNanos >= 0;
        if (state == FollowedFile.PathState.REPLACED && !seenBefore) {
            replacedSeenNanos = System.nanoTime();
        }
        boolean read = readAvailable(false);
        if (seenBefore && (!read || System.nanoTime() - replacedSeenNanos >= settings.rotationGrace().toNanos())) {
            switchToNewFile(); // the renamed file was quiet for a whole poll, or grew for too long
            return true;
        }
        return read;
    }

    /**
     * True when {@code other} holds the content this loop reads now: the followed path was renamed
     * there (or copied, for copytruncate) and the loop has not moved on to the new file yet.
     */
    boolean reads(Path other) throws IOException {
        String id = file == null ? null : file.identity();
        return id != null && FileLineSource.sameContent(other, id);
    }

    void close() throws IOException {
        if (interpreter != null) {
            interpreter.finish();
        }
        if (file != null) {
            file.close();
        }
    }

    private void restartAfterTruncation() {
        LOG.info("{}: truncated in place (copytruncate) after line {}; reading the new content from the start",
                path, file.lineNumber());
        pipeline.stats().sourceNotes.merge(path.toString(), "truncated (copytruncate) after line "
                + file.lineNumber() + ", read again from the start", (a, b) -> a + "; " + b);
        file.restartFromTop();
        identity = null;
        lastEnd = 0;
    }

    /** Reads what is there now, up to the file's end or the next commit; true when at least one line was read. */
    private boolean readAvailable(boolean includingPartial) throws IOException {
        boolean any = false;
        SourceLine line;
        while (!pipeline.stopRequested()
                && (line = includingPartial ? file.nextIncludingPartial() : file.next()) != null) {
            String id = file.identity();
            if (!id.equals(identity)) {
                pipeline.rekey(identity, id);
                identity = id;
            }
            pipeline.consume(interpreter, file.name(), identity, line);
            pipeline.countBytes(line.endOffset() - lastEnd);
            lastEnd = line.endOffset();
            any = true;
            if (pipeline.commitIfDue(settings.commitInterval()) || pipeline.committedLast()) {
                break;
            }
        }
        pipeline.inputPaused(interpreter);
        if (any) {
            pipeline.progress(file.name(), file.offset(), file.sizeHint());
        }
        return any;
    }

    private void switchToNewFile() throws IOException {
        readAvailable(true);
        LOG.info("{}: rotated (a new file is at the path) after line {}; following the new file", path, file.lineNumber());
        pipeline.stats().sourceNotes.merge(path.toString(), "rotated after line " + file.lineNumber()
                + ", followed the new file", (a, b) -> a + "; " + b);
        file.close();
        open();
    }

    void open() throws IOException {
        SourcePosition saved = pipeline.findSaved(path);
        long offset = saved == null ? 0 : saved.offset();
        long line = saved == null ? 0 : saved.lineNumber();
        file = FollowedFile.open(path, offset, line, pipeline.settings().maxLineBytes());
        pipeline.noteStart(path, saved, file.sizeHint());
        identity = saved == null ? null : saved.identity();
        lastEnd = offset;
        replacedSeenNanos = -1;
        interpreter = pipeline.interpreter(path.toString(), YearResolverFactory.forFile(pipeline.settings(), path));
    }
}
