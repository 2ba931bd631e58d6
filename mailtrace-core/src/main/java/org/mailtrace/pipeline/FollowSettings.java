package org.mailtrace.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link IngestPipeline#follow} keeps reading a live log.
 *
 * @param pollInterval    how often to look for appended lines and for log rotation when the file is idle
 * @param commitInterval  commit at least this often while new lines arrive, so a line is searchable
 *                        within about this time plus one poll
 * @param rotationGrace   after the path was replaced (rename-and-create), the renamed file is read until a
 *                        poll finds it quiet (the syslog daemon writes to it until logrotate's postrotate
 *                        tells it to reopen the log), but no longer than this while it keeps growing
 * @param purgeEvery      how often the retention purge runs in the background (first run at start)
 */
public record FollowSettings(Duration pollInterval, Duration commitInterval, Duration rotationGrace, Duration purgeEvery) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_ROTATION_GRACE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_PURGE_EVERY = Duration.ofDays(1);

    public FollowSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(rotationGrace, "rotationGrace");
        Objects.requireNonNull(purgeEvery, "purgeEvery");
        if (pollInterval.isNegative() || pollInterval.isZero() || purgeEvery.isNegative() || purgeEvery.isZero()) {
            throw new IllegalArgumentException("poll interval and purge period must be positive: " + pollInterval + ", " + purgeEvery);
        }
    }

    /** Poll every 200 ms, commit every second, read a renamed file until quiet (at most a second), purge daily. */
    public static FollowSettings defaults() {
        return new FollowSettings(DEFAULT_POLL_INTERVAL, DEFAULT_COMMIT_INTERVAL, DEFAULT_ROTATION_GRACE, DEFAULT_PURGE_EVERY);
    }
}
