package org.mailtrace.store;

/**
 * How far one log source has been read, saved in the same commit as the traces it produced.
 *
 * @param source      the source's name as given (a path, or {@code -} for stdin)
 * @param identity    what identifies the file's content beyond its name (device/inode and a
 *                    fingerprint of its first bytes), so a rotated or replaced file is recognised
 * @param offset      bytes consumed (only whole lines)
 * @param lineNumber  lines consumed
 */
public record SourcePosition(String source, String identity, long offset, long lineNumber) {
}
