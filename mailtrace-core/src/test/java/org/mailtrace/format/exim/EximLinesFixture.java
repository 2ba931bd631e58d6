package org.mailtrace.format.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import org.mailtrace.event.MailEvent;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.Framed;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.YearResolver;

/** Frames main-log lines ({@code 2026-11-28 12:44:35 ...}) and parses them with {@link EximFormat}. */
final class EximLinesFixture {
    static final EximFormat FORMAT = new EximFormat();

    private EximLinesFixture() {
    }

    static RawLine frame(String line) {
        Framed f = new EximFraming(ZoneOffset.UTC, YearResolver.startingIn(2026)).frame(line, "mainlog:1");
        assertThat(f).as("framing of %s", line).isInstanceOf(Framed.Ok.class);
        return ((Framed.Ok) f).line();
    }

    /** The parse result of one main-log line. */
    static ParseResult parse(String line) {
        return FORMAT.parse(frame(line));
    }

    /** The events of a line that must parse. */
    static List<MailEvent> events(String line) {
        ParseResult r = parse(line);
        assertThat(r).as("parse of %s", line).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) r).events();
    }

    /** The one event of {@code type} on a line that must carry it. */
    static <T extends MailEvent> T event(Class<T> type, String line) {
        List<T> found = events(line).stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("%s events of %s", type.getSimpleName(), line).hasSize(1);
        return found.get(0);
    }

    static String ignoredReason(String line) {
        ParseResult r = parse(line);
        assertThat(r).as("parse of %s", line).isInstanceOf(ParseResult.Ignored.class);
        return ((ParseResult.Ignored) r).reason();
    }
}
