package org.mailtrace.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.mailtrace.source.YearResolver;

/**
 * Chooses how year-less timestamps get their year: the user's {@code --year}, else the file's
 * modification time (the last line was written then), else now for standard input.
 */
final class YearResolverFactory {
    private YearResolverFactory() {
    }

    static YearResolver forFile(IngestSettings settings, Path path) throws IOException {
        if (settings.year() != null) {
            return YearResolver.startingIn(settings.year());
        }
        Instant modified = Files.getLastModifiedTime(path).toInstant();
        return YearResolver.near(modified, settings.zone());
    }

    static YearResolver forStream(IngestSettings settings, Clock clock) {
        if (settings.year() != null) {
            return YearResolver.startingIn(settings.year());
        }
        return YearResolver.near(clock.instant(), settings.zone());
    }
}
