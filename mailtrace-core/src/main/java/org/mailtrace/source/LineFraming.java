package org.mailtrace.source;

/**
 * Splits one text line of a log into a {@link RawLine}: when it was written, by which host and
 * program, and the message. Each log format names its framing ({@link org.mailtrace.format.LineFormat#framing}):
 * syslog for Postfix, Exim's own main-log layout for Exim, a CSV header for Exchange.
 *
 * <p>Contract: {@link #frame} never throws on any input. An instance belongs to one stream of lines
 * (it may keep state between them: the year of zone-less dates, the first parts of a split line),
 * so it is neither shared between sources nor between threads.
 */
public interface LineFraming {

    /**
     * The host of a line whose log names none (Exim's own main log). Framings return this very
     * instance, so the pipeline can tell it from a syslog host that happens to be called
     * {@code localhost} and put the name the admin gave ({@code ingest --host}) in its place.
     */
    String UNNAMED_HOST = new String("localhost");

    /** Frames {@code text}; {@code source} names where it came from ({@code mail.log:1234}). */
    Framed frame(String text, String source);
}
