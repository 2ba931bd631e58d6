package org.mailtrace.source;

/**
 * One line read from a source, with where it ended so the source can resume after it.
 *
 * @param text        the line without its line terminator, decoded as UTF-8 (invalid bytes replaced)
 * @param lineNumber  1-based line number within the source
 * @param endOffset   byte offset just past this line's terminator
 * @param invalidUtf8 true when some bytes were not valid UTF-8 and were replaced
 * @param truncated   true when the line was longer than the reader's limit and was cut
 */
public record SourceLine(String text, long lineNumber, long endOffset, boolean invalidUtf8, boolean truncated) {
}
