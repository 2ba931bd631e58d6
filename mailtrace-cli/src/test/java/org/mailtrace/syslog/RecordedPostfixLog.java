package org.mailtrace.syslog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailtrace.source.Framed;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;

/**
 * The real Postfix log the Postfix end-to-end suite recorded ({@code all-cases.log}), replayed as if
 * it were being written now: each line keeps its offset from the first line, so the log's own
 * timing (deferrals, expiry) survives, and the whole run ends just before "now".
 */
final class RecordedPostfixLog {
    private static final DateTimeFormatter BSD = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private final Path file;
    private final List<RawLine> lines;

    private RecordedPostfixLog(Path file, List<RawLine> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** Finds {@code all-cases.log} above the working directory and frames it. */
    static RecordedPostfixLog load() throws IOException {
        Path log = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && log == null; d = d.getParent()) {
            Path candidate = d.resolve("mailtrace-core/src/test/resources/golden/postfix-e2e/all-cases.log");
            if (Files.isRegularFile(candidate)) {
                log = candidate;
            }
        }
        if (log == null) {
            throw new IOException("all-cases.log not found above " + Path.of("").toAbsolutePath());
        }
        SyslogFraming framing = new SyslogFraming(ZoneId.of("UTC"), YearResolver.startingIn(2026));
        List<RawLine> lines = new ArrayList<>();
        int n = 0;
        for (String text : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            n++;
            if (framing.frame(text, log.getFileName() + ":" + n) instanceof Framed.Ok ok) {
                lines.add(ok.line());
            }
        }
        return new RecordedPostfixLog(log, lines);
    }

    /** The recorded file itself, as Postfix wrote it. */
    Path file() {
        return file;
    }

    int size() {
        return lines.size();
    }

    /** The framed lines, with the times Postfix logged. */
    List<RawLine> lines() {
        return lines;
    }

    /** The lines moved in time so that the last one is at {@code end}, wall-clock time in {@code zone}. */
    List<Replayed> endingAt(Instant end, ZoneId zone) {
        Instant recordedEnd = lines.get(lines.size() - 1).time();
        List<Replayed> out = new ArrayList<>();
        for (RawLine l : lines) {
            String rest = l.tag() + (l.pid() >= 0 ? "[" + l.pid() + "]" : "") + ": " + l.message();
            out.add(Replayed.at(end.minus(Duration.between(l.time(), recordedEnd)), zone, rest));
        }
        return out;
    }

    /** One line: its RFC 3164 timestamp and what follows the host ("postfix/smtpd[17627]: connect from ..."). */
    record Replayed(String stamp, String rest) {
        static Replayed at(Instant at, ZoneId zone, String rest) {
            return new Replayed(LocalDateTime.ofInstant(at, zone).format(BSD), rest);
        }

        /** As glibc's syslog() writes it to /dev/log: priority mail.info, no host. */
        String toDevLog() {
            return "<22>" + stamp + " " + rest + "\n";
        }

        /** As the mail log on {@code host} would show it. */
        String toMailLog(String host) {
            return stamp + " " + host + " " + rest + "\n";
        }
    }
}
