package org.mailtrace.source;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where log lines come from: a file, a compressed file, standard input. Separate from what lines mean.
 *
 * <p>Contract: {@link #next()} returns lines in order, never throws on content (binary garbage,
 * invalid UTF-8, very long lines are returned, flagged), and returns null at the end. A last line
 * without a newline is returned too: a truncated log still counts.
 */
public interface LineSource extends Closeable {

    /** The name the user gave ({@code /var/log/mail.log}, {@code -}). */
    String name();

    /**
     * What identifies this content beyond its name, so a resumed ingest can tell a rotated or
     * replaced file from the one it read before; null when the source cannot be resumed (stdin).
     */
    String identity();

    /** Total bytes when known (for progress), else -1. */
    long sizeHint();

    SourceLine next() throws IOException;
}
