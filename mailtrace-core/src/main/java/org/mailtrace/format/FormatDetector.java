package org.mailtrace.format;

import java.time.ZoneId;
import java.util.List;
import org.mailtrace.source.Framed;
import org.mailtrace.source.LineFraming;
import org.mailtrace.source.YearResolver;

/**
 * Chooses the format of a log from its first lines: each known format frames and parses them, and
 * the one that makes events of the most lines wins (then the one that claims the most lines, then
 * the first known). Needs nothing from a format beyond its framing and parser, so a new format is
 * detected without code here.
 */
public final class FormatDetector {
    /** Lines looked at before choosing: enough to get past a rotated log's non-mail lines. */
    public static final int SAMPLE_LINES = 200;

    private FormatDetector() {
    }

    /** The format most of {@code lines} belong to, or null when no format claims any of them. */
    public static LineFormat choose(List<LineFormat> formats, List<String> lines, ZoneId zone) {
        LineFormat best = null;
        long bestScore = 0;
        for (LineFormat f : formats) {
            long score = score(f, lines, zone);
            if (score > bestScore) {
                best = f;
                bestScore = score;
            }
        }
        return best;
    }

    /** Parsed lines weigh more than lines merely claimed (ignored or malformed) by the format. */
    private static long score(LineFormat format, List<String> lines, ZoneId zone) {
        // A leap year, so a year-less Feb 29 frames: only the counts matter here, not the dates.
        LineFraming framing = format.framing(zone, YearResolver.startingIn(2024));
        long parsed = 0;
        long claimed = 0;
        int n = 0;
        for (String text : lines) {
            Framed framed = framing.frame(text, "detect:" + ++n);
            if (framed instanceof Framed.Ok ok) {
                ParseResult r;
                try {
                    r = format.parse(ok.line());
                } catch (RuntimeException e) {
                    continue;
                }
                if (r instanceof ParseResult.Parsed) {
                    parsed++;
                } else if (!(r instanceof ParseResult.NotMine)) {
                    claimed++;
                }
            }
        }
        return parsed * (SAMPLE_LINES + 1L) + claimed;
    }
}
