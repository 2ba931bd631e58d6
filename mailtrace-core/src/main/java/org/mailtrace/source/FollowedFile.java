package org.mailtrace.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A plain log file read while the MTA appends to it, like {@code tail -F}: complete lines only (a
 * line still being written is left for a later call), and {@link #pathState()} tells whether log
 * rotation moved the content away from the path.
 *
 * <p>The file stays open by descriptor, so after a rename-and-create rotation the rest of the renamed
 * file can still be read before the caller switches to the new file at the path. The identity has
 * the same form as {@link FileLineSource}'s (a hash of the first bytes), computed from the open file,
 * not the path, and refreshed while the file is shorter than the fingerprint, so a restarted ingest
 * recognises this content under its rotated name ({@code mail.log.1}).
 *
 * <p>Not thread-safe: one reader thread.
 */
public final class FollowedFile implements LineSource {
    /** What log rotation did to the followed path since the file was opened. */
    public enum PathState {
        /** The path still names the open file and its content was not rewritten. */
        SAME,
        /** The path names another file (rename-and-create, or the file was replaced). */
        REPLACED,
        /** The open file was truncated in place (copytruncate): its head differs or it is shorter than what was read. */
        TRUNCATED,
        /** Nothing is at the path right now (between rename and create). */
        GONE
    }

    private final Path path;
    private final int maxLineBytes;
    private final FileChannel channel;
    private final Object fileKey;
    private long offset;
    private long lineNumber;
    private LineReader reader;
    private String identity;
    private int identityBytes = -1;

    private FollowedFile(Path path, FileChannel channel, Object fileKey, long offset, long lineNumber, int maxLineBytes) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
        this.offset = offset;
        this.lineNumber = lineNumber;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Opens {@code path} to follow it from {@code offset} (just past line {@code lineNumber}).
     *
     * @throws IOException with the path in its message when it is unreadable, a directory, compressed,
     *                     or shorter than {@code offset}
     */
    public static FollowedFile open(Path path, long offset, long lineNumber, int maxLineBytes) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            throw new IOException(path + ": is a directory; give log files");
        }
        if (Compression.of(path) != Compression.NONE) {
            throw new IOException(path + ": is compressed; --follow reads the live plain-text log (give rotated .gz/.bz2 files before it)");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        if (channel.size() < offset) {
            channel.close();
            throw new IOException(path + ": shorter than the saved position " + offset + "; was it truncated?");
        }
        return new FollowedFile(path, channel, attrs.fileKey(), offset, lineNumber, maxLineBytes);
    }

    /** The next complete line, or null when none is complete yet. */
    @Override
    public SourceLine next() throws IOException {
        return read(true);
    }

    /**
     * The next line including a last one without a newline: for a file rotated away, whose last line
     * will never be completed.
     */
    public SourceLine nextIncludingPartial() throws IOException {
        return read(false);
    }

    private SourceLine read(boolean completeOnly) throws IOException {
        if (reader == null) {
            channel.position(offset);
            reader = new LineReader(Channels.newInputStream(channel), offset, lineNumber, maxLineBytes, completeOnly);
        }
        SourceLine line = reader.next();
        if (line == null) {
            reader = null; // the next call re-reads from the offset, seeing bytes appended meanwhile
            return null;
        }
        offset = line.endOffset();
        lineNumber = line.lineNumber();
        return line;
    }

    /** Where the path stands relative to the open file; cheap enough to call on every idle poll. */
    public PathState pathState() throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return PathState.GONE;
        }
        Object key = attrs.fileKey();
        if (key != null && fileKey != null && !key.equals(fileKey)) {
            return PathState.REPLACED;
        }
        if (channel.size() < offset) {
            return PathState.TRUNCATED;
        }
        if (identity != null && identityBytes > 0 && !identity.equals(headIdentity(identityBytes))) {
            return PathState.TRUNCATED; // truncated and rewritten past our offset between two polls
        }
        return PathState.SAME;
    }

    /** After a copytruncate: the content now at offset 0 is new; read it from the start. */
    public void restartFromTop() {
        offset = 0;
        lineNumber = 0;
        reader = null;
        identity = null;
        identityBytes = -1;
    }

    /** Bytes consumed (whole lines only). */
    public long offset() {
        return offset;
    }

    /** Lines consumed. */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public String name() {
        return path.toString();
    }

    /**
     * The content identity, growing with the file until {@link FileLineSource#FINGERPRINT_BYTES}
     * are hashed; a caller keying positions by it must re-key when it changes.
     */
    @Override
    public String identity() {
        try {
            if (identityBytes < FileLineSource.FINGERPRINT_BYTES) {
                int n = (int) Math.min(channel.size(), FileLineSource.FINGERPRINT_BYTES);
                if (n != identityBytes) {
                    identity = headIdentity(n);
                    identityBytes = n;
                }
            }
            return identity;
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": reading its first bytes for its identity", e);
        }
    }

    private String headIdentity(int n) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(n);
        while (head.hasRemaining()) {
            if (channel.read(head, head.position()) < 0) {
                break;
            }
        }
        return FileLineSource.identityOfHead(head.array(), head.position());
    }

    @Override
    public long sizeHint() {
        try {
            return channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return path + " (followed, offset " + offset + ", line " + lineNumber + ", key " + Objects.toString(fileKey) + ")";
    }
}
